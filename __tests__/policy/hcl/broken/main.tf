resource "aws_s3_bucket" "ok" {
  bucket = "fine"
}

resource "aws_s3_bucket" "bad" {
  bucket = "x" acl = "private"
}
