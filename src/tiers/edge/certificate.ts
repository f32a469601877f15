/**
 * The HTTPS certificate: a new ACM certificate for the domain and its alternative names, validated by DNS records in
 * the configured hosted zone, or an existing certificate ARN (then nothing is created here).
 */
import { Construct } from "constructs";
import { TerraformIterator, Token, type ITerraformDependable } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface CertificateProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly domainName: string;
  readonly subjectAlternativeNames: readonly string[];
  /** Zone that receives the validation records. */
  readonly hostedZoneId: string;
  /** An existing certificate: no ACM resources are created. @default none (a new ACM certificate, DNS-validated) */
  readonly existingCertificateArn?: string;
}

export class Certificate extends Construct {
  /** ARN for the HTTPS listener. */
  public readonly certificateArn: string;
  /** What the HTTPS listener must wait for: the issued certificate (empty for an existing one). */
  public readonly issued: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    if (props.existingCertificateArn) {
      this.certificateArn = props.existingCertificateArn;
      this.issued = [];
      return;
    }
    const certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames.length > 0 ? [...props.subjectAlternativeNames] : undefined,
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      options: { certificateTransparencyLoggingPreference: "ENABLED" },
      // A changed name list needs a new certificate in place before the listener lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: `${props.prefix}-${props.domainName}`.slice(0, 255) },
    });
    // One record per name; names that share a validation record (example.com and *.example.com) overwrite each other.
    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation_record", {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString("resource_record_name"),
      // ACM DNS validation always uses CNAME records; a literal keeps the record type checkable before apply.
      type: "CNAME",
      records: [options.getString("resource_record_value")],
      ttl: 60,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.certificateArn = certificate.arn;
    this.issued = [validation];
  }
}
