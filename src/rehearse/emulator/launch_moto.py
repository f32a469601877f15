"""
Starts moto's server (the AWS emulator the apply rehearsal applies against) after filling the gaps it has for the
resources our stacks create. Each patch names the moto 5.2.1 behaviour it replaces and why AWS behaves otherwise.

    python3 launch_moto.py --port 5000

Patches belong here, never in the stacks: the stacks are written for AWS.
"""

import argparse
import fnmatch
import json
import sys
import uuid
from urllib.parse import unquote

import moto
from moto import server
from moto.core.exceptions import JsonRESTError
from moto.applicationautoscaling import responses as aas_responses
from botocore import xform_name
from moto.awslambda import models as lambda_models
from moto.backup import responses as backup_responses
from moto.backup import urls as backup_urls
from moto.efs import responses as efs_responses
from moto.ecs import responses as ecs_responses
from moto.ec2.models import security_groups as ec2_security_groups
from moto.rds import models as rds_models
from moto.route53 import models as route53_models
from moto.s3 import models as s3_models
from moto.secretsmanager import models as secrets_models
from moto.ssm import models as ssm_models
from moto.ssm import responses as ssm_responses

SUPPORTED_MOTO = "5.2.1"

# MariaDB majors RDS offers option groups for beyond moto's list, which stops at 10.6 (AWS: describe-option-group-options).
MARIADB_MAJORS = ["10.11", "11.4", "11.8"]


def patch_rds_option_group_engines() -> None:
    original = rds_models.RDSBackend.create_option_group

    def create_option_group(self, option_group_kwargs):
        engine, major = option_group_kwargs.get("engine_name"), option_group_kwargs.get("major_engine_version")
        if engine != "mariadb" or major not in MARIADB_MAJORS:
            return original(self, option_group_kwargs)
        group = original(self, {**option_group_kwargs, "major_engine_version": "10.6"})
        group.major_engine_version = major
        return group

    rds_models.RDSBackend.create_option_group = create_option_group


# AWS Backup selections: moto 5.2.1 has no CreateBackupSelection/GetBackupSelection/DeleteBackupSelection/
# ListBackupSelections (the provider retries its 500s until its timeout).
_selections: dict = {}


def patch_backup_selections() -> None:
    cls = backup_responses.BackupResponse

    def plan_and_selection(self):
        parts = self.path.split("/plans/")[-1].strip("/").split("/")
        return parts[0], (parts[2] if len(parts) > 2 else None)

    def create_backup_selection(self):
        plan_id, _ = plan_and_selection(self)
        params = json.loads(self.body)
        selection_id = str(uuid.UUID(int=len(_selections) + 1))
        _selections[selection_id] = {
            "BackupPlanId": plan_id,
            "SelectionId": selection_id,
            "BackupSelection": params["BackupSelection"],
            "CreationDate": 1700000000.0,
            "CreatorRequestId": params.get("CreatorRequestId"),
        }
        return json.dumps({"BackupPlanId": plan_id, "SelectionId": selection_id, "CreationDate": 1700000000.0})

    def get_backup_selection(self):
        _, selection_id = plan_and_selection(self)
        if selection_id not in _selections:
            error = JsonRESTError("ResourceNotFoundException", f"Backup selection {selection_id} not found")
            error.code = 404
            raise error
        return json.dumps(_selections[selection_id])

    def delete_backup_selection(self):
        _, selection_id = plan_and_selection(self)
        _selections.pop(selection_id, None)
        return "{}"

    def list_backup_selections(self):
        plan_id, _ = plan_and_selection(self)
        members = [
            {
                "SelectionId": s["SelectionId"],
                "SelectionName": s["BackupSelection"]["SelectionName"],
                "BackupPlanId": plan_id,
                "IamRoleArn": s["BackupSelection"]["IamRoleArn"],
                "CreationDate": s["CreationDate"],
            }
            for s in _selections.values()
            if s["BackupPlanId"] == plan_id
        ]
        return json.dumps({"BackupSelectionsList": members})

    cls.create_backup_selection = create_backup_selection
    cls.get_backup_selection = get_backup_selection
    cls.delete_backup_selection = delete_backup_selection
    cls.list_backup_selections = list_backup_selections


# Application Auto Scaling tags: moto 5.2.1 ignores RegisterScalableTarget's Tags and has no ListTagsForResource /
# TagResource / UntagResource (the provider retries the 500s until its timeout).
_target_tags: dict = {}


def patch_autoscaling_tags() -> None:
    cls = aas_responses.ApplicationAutoScalingResponse
    register = cls.register_scalable_target

    def register_scalable_target(self):
        body = register(self)
        arn = json.loads(body)["ScalableTargetARN"]
        tags = self._get_param("Tags") or {}
        _target_tags.setdefault(arn, {}).update(tags)
        return body

    def list_tags_for_resource(self):
        return json.dumps({"Tags": _target_tags.get(self._get_param("ResourceARN"), {})})

    def tag_resource(self):
        _target_tags.setdefault(self._get_param("ResourceARN"), {}).update(self._get_param("Tags") or {})
        return "{}"

    def untag_resource(self):
        tags = _target_tags.setdefault(self._get_param("ResourceARN"), {})
        for key in self._get_param("TagKeys") or []:
            tags.pop(key, None)
        return "{}"

    cls.register_scalable_target = register_scalable_target
    cls.list_tags_for_resource = list_tags_for_resource
    cls.tag_resource = tag_resource
    cls.untag_resource = untag_resource


def patch_s3_logging_permission() -> None:
    """
    moto 5.2.1 accepts a log bucket's policy only when a statement's Resource is exactly `<bucket>/<prefix>*` or
    `<bucket>/*`, and raises on a statement whose Principal is "*". AWS evaluates the policy: a grant whose Resource
    pattern covers the target prefix (e.g. `<bucket>/s3-access/*` for `s3-access/uploads/`) is enough.
    """

    def as_list(value):
        return value if isinstance(value, list) else [value]

    def enabled(target_bucket, target_prefix):
        if not target_bucket.policy:
            return False
        document = json.loads(target_bucket.policy.decode())
        key_arn = f"arn:{target_bucket.partition}:s3:::{target_bucket.name}/{target_prefix or ''}"
        for stmt in as_list(document.get("Statement", [])):
            principal = stmt.get("Principal", {})
            services = as_list(principal.get("Service", [])) if isinstance(principal, dict) else []
            if s3_models.LOGGING_SERVICE_PRINCIPAL not in services or stmt.get("Effect") != "Allow":
                continue
            if not any(fnmatch.fnmatchcase("s3:PutObject", action) for action in as_list(stmt.get("Action", []))):
                continue
            # A pattern covers the prefix when it is a wildcard-free head of the prefix's keys followed by `*`.
            if any(p.endswith("*") and not any(c in p[:-1] for c in "*?") and key_arn.startswith(p[:-1]) for p in as_list(stmt.get("Resource", []))):
                return True
        return False

    s3_models.FakeBucket._log_permissions_enabled_policy = staticmethod(enabled)


def patch_rds_instance_monitoring() -> None:
    """moto 5.2.1 drops MonitoringInterval, MonitoringRoleArn and NetworkType of CreateDBInstance; AWS returns them."""
    original = rds_models.DBInstance.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.monitoring_interval = int(kwargs.get("monitoring_interval") or 0)
        self.monitoring_role_arn = kwargs.get("monitoring_role_arn") if self.monitoring_interval else None
        self.network_type = kwargs.get("network_type") or "IPV4"

    rds_models.DBInstance.__init__ = __init__


def patch_security_group_rule_description() -> None:
    """moto 5.2.1 reads a rule's description only from a CIDR range; AWS keeps it on group references too."""

    def description(self):
        return self.ip_range.get("Description") or (self.source_group or {}).get("Description")

    ec2_security_groups.SecurityGroupRule.description = property(description)


def patch_secret_rotation_rules() -> None:
    """
    moto 5.2.1 keeps only RotationRules.AutomaticallyAfterDays; AWS keeps ScheduleExpression and Duration too (a
    managed RDS secret rotates on a cron schedule without a Lambda) and reports rotation as enabled.
    """
    rotate = secrets_models.SecretsManagerBackend.rotate_secret
    to_dict = secrets_models.FakeSecret.to_dict

    def rotate_secret(self, secret_id, *args, **kwargs):
        result = rotate(self, secret_id, *args, **kwargs)
        rules = kwargs.get("rotation_rules")
        if rules:
            secret = self.secrets[secret_id] if secret_id in self.secrets else None
            if secret is None:
                secret = next(s for s in self.secrets.values() if secret_id in (s.name, s.arn))
            secret.rehearsal_rotation_rules = dict(rules)
            secret.rotation_enabled = True
        return result

    def secret_to_dict(self):
        document = to_dict(self)
        rules = getattr(self, "rehearsal_rotation_rules", None)
        if rules and "RotationRules" in document:
            document["RotationRules"] = rules
        return document

    secrets_models.SecretsManagerBackend.rotate_secret = rotate_secret
    secrets_models.FakeSecret.to_dict = secret_to_dict


def patch_backup_list_tags() -> None:
    """moto 5.2.1 reads ListTags' ARN as the path's second-to-last segment; without a trailing slash that is `tags`."""

    def list_tags(self):
        arn = unquote(self.path.split("/tags/", 1)[-1].split("?")[0].strip("/"))
        return json.dumps({"Tags": self.backup_backend.list_tags(resource_arn=arn)})

    backup_responses.BackupResponse.list_tags = list_tags


# CreateService/UpdateService settings moto 5.2.1 accepts but neither stores nor returns (AWS returns each one).
ECS_SERVICE_SETTINGS = [
    "capacityProviderStrategy",
    "enableECSManagedTags",
    "enableExecuteCommand",
    "availabilityZoneRebalancing",
    "healthCheckGracePeriodSeconds",
    "deploymentConfiguration",
]


def patch_ecs_service_settings() -> None:
    cls = ecs_responses.EC2ContainerServiceResponse

    def keep_settings(self, service_name):
        service = self.ecs_backend._get_service(self._get_param("cluster", "default"), service_name.split("/")[-1])
        for setting in ECS_SERVICE_SETTINGS:
            value = self._get_param(setting)
            if value is not None:
                setattr(service, xform_name(setting), value)
        strategy = self._get_param("capacityProviderStrategy")
        connect = self._get_param("serviceConnectConfiguration")
        for deployment in service.deployments[:1]:
            if strategy is not None:
                # A service on capacity providers has no launch type (AWS omits it).
                service.launch_type = None
                deployment["launchType"] = None
                deployment["capacityProviderStrategy"] = strategy
            if connect is not None:
                deployment["serviceConnectConfiguration"] = connect

    def wrap(name, service_param):
        original = getattr(cls, name)

        def method(self):
            result = original(self)
            keep_settings(self, self._get_param(service_param))
            return result

        setattr(cls, name, method)

    wrap("create_service", "serviceName")
    wrap("update_service", "service")


# Function settings moto 5.2.1 drops: AWS returns each one (LoggingConfig with its defaults filled in).
LAMBDA_SETTINGS = ["FileSystemConfigs", "LoggingConfig", "DeadLetterConfig"]


def patch_lambda_settings() -> None:
    init = lambda_models.LambdaFunction.__init__
    get_configuration = lambda_models.LambdaFunction.get_configuration
    update_configuration = lambda_models.LambdaFunction.update_configuration

    def __init__(self, account_id, spec, region, version=1):
        init(self, account_id, spec, region, version)
        self.rehearsal_settings = {key: spec[key] for key in LAMBDA_SETTINGS if spec.get(key)}
        self.rehearsal_settings["LoggingConfig"] = {
            "LogFormat": "Text",
            "LogGroup": f"/aws/lambda/{self.function_name}",
            **(spec.get("LoggingConfig") or {}),
        }

    def configuration(self, *args, **kwargs):
        return {**get_configuration(self, *args, **kwargs), **getattr(self, "rehearsal_settings", {})}

    def update(self, config_updates):
        settings = getattr(self, "rehearsal_settings", {})
        for key in LAMBDA_SETTINGS:
            if key in config_updates:
                settings[key] = {**settings.get(key, {}), **config_updates[key]} if key == "LoggingConfig" else config_updates[key]
        return update_configuration(self, config_updates)

    lambda_models.LambdaFunction.__init__ = __init__
    lambda_models.LambdaFunction.get_configuration = configuration
    lambda_models.LambdaFunction.update_configuration = update


def patch_rds_parameter_source() -> None:
    """moto 5.2.1 returns modified parameters without `Source`; AWS marks them `user` (the provider reads those)."""
    update = rds_models.DBParameterGroup.update_parameters

    def update_parameters(self, new_parameters):
        update(self, new_parameters)
        for parameter in self.parameters.values():
            parameter.setdefault("Source", "user")

    rds_models.DBParameterGroup.update_parameters = update_parameters


def patch_destroy_calls() -> None:
    """
    Calls `terraform destroy` makes that moto 5.2.1 lacks or refuses:
    - EFS DeleteFileSystemPolicy is not implemented (the provider retries the 500 until its timeout);
    - AWS Backup ListRecoveryPointsByBackupVault has no route (the provider lists them before deleting a vault);
    - Secrets Manager CancelRotateSecret refuses a secret without a rotation Lambda, but managed rotation (an RDS
      master secret on a schedule) has none, and AWS cancels it.
    """

    def delete_file_system_policy(self):
        file_system_id = self.path.split("/file-systems/")[-1].split("/")[0]
        self.efs_backend.file_systems_by_id[file_system_id].file_system_policy = None
        return 200, {}, ""

    efs_responses.EFSResponse.delete_file_system_policy = delete_file_system_policy

    def list_recovery_points_by_backup_vault(self):
        return json.dumps({"RecoveryPoints": []})

    backup_responses.BackupResponse.list_recovery_points_by_backup_vault = list_recovery_points_by_backup_vault
    backup_urls.url_paths["{0}/backup-vaults/(?P<name>[^/]+)/recovery-points/?$"] = backup_urls.response.dispatch

    cancel = secrets_models.SecretsManagerBackend.cancel_rotate_secret

    def cancel_rotate_secret(self, secret_id):
        secret = self.secrets[secret_id] if secret_id in self.secrets else None
        if secret is not None and not secret.rotation_lambda_arn and getattr(secret, "rehearsal_rotation_rules", None):
            secret.rotation_enabled = False
            return secret.to_short_dict()
        return cancel(self, secret_id)

    secrets_models.SecretsManagerBackend.cancel_rotate_secret = cancel_rotate_secret


def patch_route53_zone_ids() -> None:
    """moto 5.2.1 draws hosted zone ids from letters and digits; AWS's always start with `Z` (modules validate that)."""
    generate = route53_models.create_route53_zone_id

    def create_route53_zone_id(*args, **kwargs):
        return "Z" + generate(*args, **kwargs)[1:]

    route53_models.create_route53_zone_id = create_route53_zone_id


# State Manager associations: moto 5.2.1 has no CreateAssociation/DescribeAssociation/UpdateAssociation/
# DeleteAssociation (the provider retries the 500s until its timeout). Stored as given; AWS reports a new association's
# overview as Pending until it runs, which the emulator never does, so it answers Success.
_associations: dict = {}


def patch_ssm_associations() -> None:
    cls = ssm_responses.SimpleSystemManagerResponse

    def description(association):
        return {key: value for key, value in association.items() if key != "Tags"}

    def create_association(self):
        association_id = str(uuid.UUID(int=0x5500 + len(_associations) + 1))
        params = json.loads(self.body or "{}")
        association = {
            "AssociationId": association_id,
            "AssociationVersion": "1",
            "DocumentVersion": "$DEFAULT",
            "ApplyOnlyAtCronInterval": False,
            "Targets": [],
            "Overview": {"Status": "Success", "AssociationStatusAggregatedCount": {}},
            "Date": 1700000000.0,
            **params,
        }
        _associations[association_id] = association
        tags = {t["Key"]: t["Value"] for t in params.get("Tags") or []}
        if tags:
            self.ssm_backend._resource_tags["Association"][association_id].update(tags)
        return json.dumps({"AssociationDescription": description(association)})

    def find(self):
        association = _associations.get(self._get_param("AssociationId"))
        if association is None:
            raise JsonRESTError("AssociationDoesNotExist", "The association does not exist.")
        return association

    def describe_association(self):
        return json.dumps({"AssociationDescription": description(find(self))})

    def update_association(self):
        association = find(self)
        params = json.loads(self.body or "{}")
        association.update(params)
        association["AssociationVersion"] = str(int(association["AssociationVersion"]) + 1)
        return json.dumps({"AssociationDescription": description(association)})

    def delete_association(self):
        association = find(self)
        del _associations[association["AssociationId"]]
        return "{}"

    def list_associations(self):
        return json.dumps({"Associations": [description(a) for a in _associations.values()]})

    for method in (create_association, describe_association, update_association, delete_association, list_associations):
        setattr(cls, method.__name__, method)

    validate = ssm_models.SimpleSystemManagerBackend._validate_resource_type_and_id

    def validate_resource_type_and_id(self, resource_type, resource_id):
        if resource_type == "Association" and resource_id in _associations:
            return resource_id
        return validate(self, resource_type, resource_id)

    ssm_models.SimpleSystemManagerBackend._validate_resource_type_and_id = validate_resource_type_and_id


PATCHES = [
    patch_rds_option_group_engines,
    patch_backup_selections,
    patch_autoscaling_tags,
    patch_s3_logging_permission,
    patch_rds_instance_monitoring,
    patch_security_group_rule_description,
    patch_secret_rotation_rules,
    patch_backup_list_tags,
    patch_ecs_service_settings,
    patch_lambda_settings,
    patch_rds_parameter_source,
    patch_destroy_calls,
    patch_route53_zone_ids,
    patch_ssm_associations,
]


def main(argv: list) -> None:
    parser = argparse.ArgumentParser(description="moto's server with the apply rehearsal's emulator patches")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    if moto.__version__ != SUPPORTED_MOTO:
        print(f"launch_moto: moto {moto.__version__}; the patches were written for {SUPPORTED_MOTO}", file=sys.stderr)
    for patch in PATCHES:
        patch()
    server.main(["-H", "127.0.0.1", "-p", str(args.port)])


if __name__ == "__main__":
    main(sys.argv[1:])
