#!/usr/bin/env python3
"""A configuration change reaches the running functions and the streaming API (issue 30).

template.yaml is translated with the SAM translator (aws-sam-translator, as CloudFormation's
AWS::Serverless transform does) for parameter sets that differ only in configuration. For every
function, its *configuration* (environment and settings, with the parameter values and conditions
resolved) and its *published version* (the AWS::Lambda::Version's logical id and Description, which
cannot be updated: a new value replaces the version) are compared between the two sets:
a changed configuration must come with a new version, an unchanged one with the same version.
The streaming REST API's stage must point at a new deployment when the body it deploys changes.

Run: python3 src/test/python/template_versions_test.py   (from .ci/run and SamTranslationTest)
"""
import copy
import hashlib
import json
import os
import pathlib
import re
import sys
import unittest

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # the translator's pseudo parameters

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[3]
# PARLEY_TEMPLATE: check another copy (e.g. main's, to see these tests fail on it).
TEMPLATE = yaml_parse(pathlib.Path(os.environ.get("PARLEY_TEMPLATE", ROOT / "template.yaml")).read_text())
# Lambda's limit on a version description (AWS::Lambda::Version Description, MaxLength 256).
MAX_DESCRIPTION = 256
# The deploy hook's digests (ParleyDeployHook's Data.<Function>Digest, dev.parley.deployhook.ConfigDigest).
DIGEST_CHARS = 16
HOOK = "ParleyDeployHook"

JWT = {"AuthMode": "JWT", "JwtIssuer": "https://issuer.example.com", "JwtAudience": "parley-app",
       "AlarmEmail": "ops@example.com"}
# The functions verify the JWTs themselves: the settings reach them through the deploy hook's digest.
JWT_AND_KEYS = dict(JWT, AuthMode="JWT_AND_KEYS")
BASE = {"AuthMode": "NONE"}
LONG_ISSUER = "https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_" + "A" * 32
# One configuration change at a time, each from BASE (or from JWT for the JWT-only settings).
LONG_MODELS = ",".join(["nova-micro", "nova-lite", "nova-pro", "claude-haiku-4-5", "claude-sonnet-4-5",
                         "claude-sonnet-4-6", "claude-opus-4-6", "llama-4-scout", "deepseek-v3", "gpt-oss-120b"])

CHANGES = [
    (BASE, {"DefaultModel": "nova-lite"}),
    (BASE, {"LogLevel": "DEBUG"}),
    (BASE, {"RetentionDays": "90"}),
    (BASE, {"ResponseCache": "OFF"}),
    (BASE, {"ResponseCacheTtl": "15m"}),
    (BASE, {"GuardrailMode": "EXISTING", "GuardrailId": "abc123def456", "GuardrailVersion": "3"}),
    (BASE, {"GuardrailMode": "CREATE"}),
    (BASE, {"GuardrailTrace": "true"}),
    (BASE, {"GuardrailStreamMode": "async"}),
    (BASE, {"DailyTokenBudget": "200000"}),
    (BASE, {"MonthlyUsdBudget": "25.50"}),
    (BASE, {"MetricsNamespace": "Parley/dev"}),
    (BASE, {"XRayTracing": "Active"}),
    (BASE, {"StreamTimeout": "600"}),
    (BASE, {"CorsAllowedOrigins": "https://app.example.com"}),
    (BASE, {"Stage": "v2"}),
    (BASE, JWT),
    (JWT, {"JwtIssuer": "https://other-issuer.example.com"}),
    (JWT, {"JwtAudience": "other-app"}),
    (JWT, {"JwksUrl": "https://issuer.example.com/keys"}),
    (JWT, {"CorsAllowedOrigins": "https://app.example.com"}),
    # Too long for the version descriptions: carried by the deploy hook's digests.
    (JWT_AND_KEYS, {"JwtIssuer": LONG_ISSUER}),
    (JWT_AND_KEYS, {"JwtAudience": "other-app"}),
    (JWT_AND_KEYS, {"JwksUrl": "https://issuer.example.com/keys"}),
    (dict(JWT_AND_KEYS, JwtIssuer=LONG_ISSUER, JwtAudience="a" * 48, JwksUrl="https://k.example.com/" + "k" * 78),
     {"JwksUrl": "https://k.example.com/" + "j" * 78}),
    (BASE, {"CorsAllowedOrigins": "https://app.example.com,https://admin.example.com,https://staging.example.com"}),
    # Keys (issue 26): the models a deploy serves and who its admins are.
    (BASE, {"AllowedModels": "nova-micro,nova-lite"}),
    (BASE, {"AuthMode": "KEYS"}),
    (JWT, {"AdminGroup": "parley-admins"}),
    (dict(BASE, AuthMode="KEYS"), {"AllowedModels": "nova-micro"}),
    (dict(BASE, AllowedModels="nova-micro,nova-lite"), {"AllowedModels": "nova-micro,nova-2-lite"}),
    # Longer than any description could hold: only the digest tells the two apart.
    (dict(BASE, AllowedModels=LONG_MODELS), {"AllowedModels": LONG_MODELS + ",nova-2-lite"}),
    # Models by configuration (issue 31): entries reach both functions through the digest.
    (BASE, {"CatalogEntries": "parley.models.catalog.new.id=mistral.new-v1:0"}),
    (dict(BASE, CatalogEntries="parley.models.catalog.new.id=mistral.new-v1:0"),
     {"CatalogEntries": "parley.models.catalog.new.id=mistral.new-v1:0;parley.usage.prices.new.input=0.4"}),
]


class Managed:
    """The AWS managed policies SAM may attach (the translator asks IAM for their ARNs)."""

    def load(self):
        names = ["AWSLambdaBasicExecutionRole", "AWSXrayWriteOnlyAccess", "AWSLambdaSQSQueueExecutionRole",
                 "AWSLambdaRole"]
        return {n: "arn:aws:iam::aws:policy/service-role/" + n for n in names}


def translate(parameters):
    template = copy.deepcopy(TEMPLATE)
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            # What `sam deploy` uploads: the same zip for both parameter sets.
            resource["Properties"]["CodeUri"] = "s3://artifacts/function-0123456789.zip"
    return transform(template, dict(parameters), Managed())


class Resolver:
    """CloudFormation's intrinsic functions with the given parameters (resources stay symbolic)."""

    def __init__(self, template, parameters):
        self.template = template
        self.values = {name: str(spec.get("Default", "")) for name, spec in template["Parameters"].items()}
        self.values.update(parameters)
        self.values.update({"AWS::Region": "us-east-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
                            "AWS::StackName": "parley", "AWS::URLSuffix": "amazonaws.com",
                            "AWS::StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/parley/abc-def"})
        self.conditions = {}

    def condition(self, name):
        if name not in self.conditions:
            self.conditions[name] = bool(self.value(self.template["Conditions"][name]))
        return self.conditions[name]

    def ref(self, name):
        if name in self.values:
            spec = self.template["Parameters"].get(name, {})
            if spec.get("Type") == "CommaDelimitedList":
                return [v for v in self.values[name].split(",")] if self.values[name] else [""]
            return self.values[name]
        return "<%s>" % name

    def sub(self, text, variables):
        def replace(match):
            name = match.group(1)
            if name in variables:
                return str(variables[name])
            if "." in name:
                return "<%s>" % name
            return str(self.ref(name))
        return re.sub(r"\$\{([^}!]+)\}", replace, text)

    def value(self, node):
        if isinstance(node, list):
            return [v for v in (self.value(n) for n in node) if v is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, arg), = node.items()
            if key == "Ref":
                return NO_VALUE if arg == "AWS::NoValue" else self.ref(arg)
            if key == "Condition":
                return self.condition(arg)
            if key == "Fn::If":
                return self.value(arg[1] if self.condition(arg[0]) else arg[2])
            if key == "Fn::Equals":
                a, b = self.value(arg)
                return str(a) == str(b)
            if key == "Fn::Not":
                return not self.value(arg[0])
            if key == "Fn::And":
                return all(self.value(a) for a in arg)
            if key == "Fn::Or":
                return any(self.value(a) for a in arg)
            if key == "Fn::Join":
                return arg[0].join(str(v) for v in self.value(arg[1]))
            if key == "Fn::Select":
                return self.value(arg[1])[int(self.value(arg[0]))]
            if key == "Fn::Split":
                return str(self.value(arg[1])).split(arg[0])
            if key == "Fn::FindInMap":
                name, top, second = (self.value(a) for a in arg)
                return self.template["Mappings"][name][top][str(second)]
            if key == "Fn::GetAtt":
                name, attribute = arg.split(".", 1) if isinstance(arg, str) else arg
                if name == HOOK:
                    return self.hook_digest(attribute)
                return "<%s.%s>" % (name, attribute)
            if key == "Fn::Sub":
                if isinstance(arg, str):
                    return self.sub(arg, {})
                if isinstance(arg, list) and len(arg) == 1:
                    return self.sub(arg[0], {})
                return self.sub(arg[0], {k: self.value(v) for k, v in arg[1].items()})
        return {k: v for k, v in ((k, self.value(v)) for k, v in node.items()) if v is not NO_VALUE}


    def hook_digest(self, attribute):
        """ParleyDeployHook's answer, as dev.parley.deployhook.DeployHook computes it from its Config."""
        config = self.value(self.template["Resources"][HOOK]["Properties"]["Config"])
        if attribute == "ConfigDigest":
            return digest(config)
        assert attribute.endswith("Digest") and attribute[:-len("Digest")] in config, attribute
        return digest(config[attribute[:-len("Digest")]])


def digest(config):
    """SHA-256 of the canonical JSON (sorted keys, no spaces), first 16 hex digits (ConfigDigest.java)."""
    canonical = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


NO_VALUE = object()


def snapshot(parameters):
    """Per function: (configuration, version); and the streaming stage's deployment."""
    output = translate(parameters)
    resolver = Resolver(output, parameters)
    resources = output["Resources"]
    functions = {}
    for name, resource in resources.items():
        if resource["Type"] != "AWS::Lambda::Function":
            continue
        if "Condition" in resource and not resolver.condition(resource["Condition"]):
            continue
        properties = resolver.value({k: v for k, v in resource["Properties"].items() if k not in ("Role", "Description")})
        versions = [(vid, resolver.value(v["Properties"].get("Description", ""))) for vid, v in resources.items()
                    if v["Type"] == "AWS::Lambda::Version" and v["Properties"]["FunctionName"] == {"Ref": name}]
        assert len(versions) == 1, (name, versions)
        functions[name] = (properties, versions[0])
    stage = resources["ParleyStreamingApiStage"]["Properties"]
    return functions, resolver.value(stage["DeploymentId"]), resolver.value(resources["ParleyStreamingApi"]["Properties"]["Body"])


class VersionsFollowTheConfiguration(unittest.TestCase):
    maxDiff = None

    def test_nothing_changed_means_the_same_versions_and_deployment(self):
        for parameters in (BASE, JWT, JWT_AND_KEYS):
            self.assertEqual(snapshot(parameters), snapshot(dict(parameters)))

    def test_a_configuration_change_publishes_a_new_version_of_every_function_it_reaches(self):
        for before, change in CHANGES:
            after = dict(before, **change)
            old, old_deployment, old_body = snapshot(before)
            new, new_deployment, new_body = snapshot(after)
            reached = 0
            for function in sorted(set(old) & set(new)):
                old_configuration, old_version = old[function]
                new_configuration, new_version = new[function]
                if old_configuration != new_configuration:
                    reached += 1
                    self.assertNotEqual(old_version, new_version,
                                        "%s: %s changed the configuration of %s but not its version %s"
                                        % (change, before, function, old_version))
                else:
                    self.assertEqual(old_version, new_version, "%s: %s has no new configuration" % (change, function))
            self.assertTrue(reached or set(old) != set(new), "%s reaches no function" % change)
            if old_body != new_body:
                self.assertNotEqual(old_deployment, new_deployment, "%s changed the streaming API's body" % change)
            else:
                self.assertEqual(old_deployment, new_deployment, change)

    def test_auth_mode_and_cors_redeploy_the_streaming_api(self):
        _, open_api, _ = snapshot(BASE)
        _, jwt_api, _ = snapshot(JWT)
        _, cors_api, _ = snapshot(dict(JWT, CorsAllowedOrigins="https://app.example.com"))
        self.assertEqual(3, len({open_api, jwt_api, cors_api}))


class StreamingDeploymentsNameTheirBody(unittest.TestCase):
    def test_every_deployment_carries_the_hash_of_the_body_it_deploys(self):
        body = TEMPLATE["Resources"]["ParleyStreamingApi"]["Properties"]["Body"]
        digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:8]
        deployments = [n for n, r in TEMPLATE["Resources"].items() if r["Type"] == "AWS::ApiGateway::Deployment"]
        self.assertEqual(4, len(deployments))
        for name in deployments:
            self.assertTrue(name.endswith(digest),
                            "the streaming API's body changed: run .ci/streaming-deployments (it renames %s and"
                            " the other three to end with %s)" % (name, digest))


def statements_of(node):
    """Every IAM statement (a dict with Effect) anywhere in node, inside Fn::If branches too."""
    if isinstance(node, list):
        return [st for n in node for st in statements_of(n)]
    if isinstance(node, dict):
        if "Effect" in node:
            return [node]
        return [st for v in node.values() for st in statements_of(v)]
    return []


class RolesGetNoWideManagedPolicies(unittest.TestCase):
    """SAM's managed policies widen the roles: SQS actions on every queue, X-Ray writes when tracing is off."""

    def roles(self, parameters):
        output = translate(parameters)
        return {name: json.dumps(resource["Properties"].get("ManagedPolicyArns", []))
                for name, resource in output["Resources"].items()
                if resource["Type"] == "AWS::IAM::Role" and name.endswith("FunctionRole")}, output

    def test_no_sqs_policy_on_every_queue_and_no_xray_without_tracing(self):
        for parameters in (BASE, JWT):
            roles, output = self.roles(parameters)
            self.assertTrue(roles)
            for name, arns in roles.items():
                self.assertNotIn("AWSLambdaSQSQueueExecutionRole", arns, name)
                self.assertNotIn("AWSXrayWriteOnlyAccess", arns, name)
            for name, resource in output["Resources"].items():
                if resource["Type"] == "AWS::Lambda::Function":
                    self.assertNotIn("TracingConfig", resource["Properties"], name)

    def test_tracing_brings_the_xray_permission(self):
        roles, output = self.roles(dict(BASE, XRayTracing="Active"))
        for name, arns in roles.items():
            self.assertIn("AWSXrayWriteOnlyAccess", arns, name)

    def test_the_queue_pollers_may_poll_their_own_queue_only(self):
        output = translate(BASE)
        resources = output["Resources"]
        for mapping, role, queue in (("ParleyFunctionStreamFailures", "ParleyFunctionRole", "StreamFailedQueue"),
                                     ("ParleyDocumentsFunctionRedrive", "ParleyDocumentsFunctionRole",
                                      "DocumentsFailedQueue")):
            properties = resources[mapping]["Properties"]
            self.assertEqual({"Fn::GetAtt": [queue, "Arn"]}, properties["EventSourceArn"])
            self.assertIn("Alias", json.dumps(properties["FunctionName"]), "the alias, as every trigger")
            statements = [st for st in statements_of(resources[role]["Properties"]["Policies"])
                          if "sqs:ReceiveMessage" in json.dumps(st.get("Action"))]
            self.assertEqual([{"Fn::GetAtt": [queue, "Arn"]}], [st["Resource"] for st in statements], mapping)


class AllowedModelsNarrowTheBedrockStatements(unittest.TestCase):
    """AllowedModels (issue 26): the runtime roles may call only the models the deploy serves."""

    def policy(self, parameters):
        output = translate(parameters)
        resolver = Resolver(output, parameters)
        document = resolver.value(output["Resources"]["CatalogModelAccessPolicy"]["Properties"]["PolicyDocument"])
        return {st["Sid"]: json.dumps(st) for st in document["Statement"]}

    def test_the_whole_catalog_by_default(self):
        statements = self.policy(BASE)
        self.assertEqual(4, len(statements))
        self.assertIn("us.amazon.nova-micro-v1:0", statements["InvokeCatalogInferenceProfiles"])
        self.assertIn("openai.gpt-oss-120b-1:0", statements["InvokeCatalogInRegionFoundationModels"])

    def test_only_the_allowed_models_and_no_empty_statement(self):
        statements = self.policy(dict(BASE, AllowedModels="nova-micro,claude-haiku-4-5"))
        self.assertEqual({"InvokeCatalogInferenceProfiles", "InvokeCatalogFoundationModelsThroughProfiles",
                          "InvokeCatalogGlobalFoundationModels"}, set(statements))
        everything = " ".join(statements.values())
        self.assertEqual(["anthropic.claude-haiku-4-5-20251001-v1:0", "amazon.nova-micro-v1:0"],
                         sorted(set(re.findall(r"(?:amazon|anthropic|meta|deepseek|openai|qwen)\.[\w.:-]+", everything)),
                                key=lambda m: m.startswith("amazon")))
        # An alias that only contains another (nova-lite in nova-2-lite) is not taken for it.
        statements = self.policy(dict(BASE, AllowedModels="nova-2-lite"))
        self.assertNotIn("nova-lite-v1", " ".join(statements.values()))
        self.assertIn("nova-2-lite-v1", " ".join(statements.values()))

    def test_an_in_region_model_alone_leaves_only_its_statement(self):
        statements = self.policy(dict(BASE, DefaultModel="deepseek-v3", AllowedModels="deepseek-v3"))
        self.assertEqual(["InvokeCatalogInRegionFoundationModels"], list(statements))
        self.assertIn("deepseek.v3-v1:0", statements["InvokeCatalogInRegionFoundationModels"])
        self.assertNotIn("gpt-oss", statements["InvokeCatalogInRegionFoundationModels"])


class CatalogEntriesBringExactlyTheirIam(unittest.TestCase):
    """Models added by stack parameters alone (issue 31): CatalogEntries reaches both functions, and
    CatalogEntriesAccessPolicy allows what the entries call and nothing more."""

    PROFILE = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"
    ROUTER = "arn:aws:bedrock:us-east-1:123456789012:prompt-router/team-router"
    ENTRIES = ";".join(["parley.models.catalog.team-sonnet.id=" + PROFILE,
                        "parley.models.catalog.team-sonnet.like=claude-sonnet-4-6",
                        "parley.models.catalog.team-router.id=" + ROUTER,
                        "parley.models.catalog.team-router.like=claude-haiku-4-5",
                        "parley.usage.prices.team-sonnet.input=3.00"])

    def resolved(self, parameters):
        output = translate(parameters)
        return output, Resolver(output, parameters)

    def statements(self, parameters):
        output, resolver = self.resolved(parameters)
        if "CatalogEntriesAccessPolicy" not in output["Resources"]:
            return None
        policy = output["Resources"]["CatalogEntriesAccessPolicy"]
        self.assertTrue(resolver.condition(policy["Condition"]))
        document = resolver.value(policy["Properties"]["PolicyDocument"])
        return {st["Sid"]: st["Resource"] if isinstance(st["Resource"], list) else [st["Resource"]]
                for st in document["Statement"]}

    def allowed(self, statements, arn):
        return any(re.fullmatch(re.escape(r).replace(r"\*", ".*"), arn)
                   for resources in statements.values() for r in resources)

    def test_no_entries_no_policy_and_no_environment(self):
        output, resolver = self.resolved(BASE)
        policy = output["Resources"]["CatalogEntriesAccessPolicy"]
        self.assertFalse(resolver.condition(policy["Condition"]), "no entries, no statement")
        for function in ("ParleyFunction", "ParleyStreamFunction"):
            variables = resolver.value(output["Resources"][function]["Properties"]["Environment"]["Variables"])
            self.assertNotIn("PARLEY_CATALOG_ENTRIES", variables, function)
            policies = resolver.value(output["Resources"][function + "Role"]["Properties"]["ManagedPolicyArns"])
            self.assertNotIn("<CatalogEntriesAccessPolicy>", policies, function)

    def test_a_profile_and_a_router_get_exactly_their_statements(self):
        parameters = dict(BASE, CatalogEntries=self.ENTRIES,
                          CatalogModelIds="anthropic.claude-sonnet-4-6,anthropic.claude-haiku-4-5-20251001-v1:0")
        statements = self.statements(parameters)
        self.assertEqual({"InvokeApplicationInferenceProfiles", "InvokePromptRouters", "InvokeCatalogEntryModels"},
                         set(statements))
        for arn in (self.PROFILE, self.ROUTER,
                    "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1",
                    "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-6",
                    "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0"):
            self.assertTrue(self.allowed(statements, arn), arn)
        for arn in ("arn:aws:bedrock:us-east-1:999999999999:application-inference-profile/a1b2c3d4e5f6",
                    "arn:aws:bedrock:eu-west-1:123456789012:prompt-router/team-router",
                    "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
                    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0"):
            self.assertFalse(self.allowed(statements, arn), arn)
        output, resolver = self.resolved(parameters)
        for function in ("ParleyFunction", "ParleyStreamFunction"):
            variables = resolver.value(output["Resources"][function]["Properties"]["Environment"]["Variables"])
            self.assertEqual(self.ENTRIES, variables["PARLEY_CATALOG_ENTRIES"], function)
            policies = resolver.value(output["Resources"][function + "Role"]["Properties"]["ManagedPolicyArns"])
            self.assertIn("<CatalogEntriesAccessPolicy>", policies, function)

    def test_a_plain_model_id_gets_its_model_and_profile_only(self):
        statements = self.statements(dict(BASE, CatalogEntries="parley.models.catalog.new.id=us.mistral.new-v1:0",
                                          CatalogModelIds="us.mistral.new-v1:0,mistral.new-v1:0"))
        self.assertEqual({"InvokeCatalogEntryModels"}, set(statements), "no profile or router named")
        self.assertTrue(self.allowed(statements, "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.mistral.new-v1:0"))
        self.assertTrue(self.allowed(statements, "arn:aws:bedrock:us-west-2::foundation-model/mistral.new-v1:0"))
        self.assertFalse(self.allowed(statements, "arn:aws:bedrock:us-west-2::foundation-model/mistral.other-v1:0"))

    def test_allowed_models_still_narrows_the_catalogs_statements(self):
        parameters = dict(BASE, AllowedModels="nova-micro", CatalogEntries=self.ENTRIES)
        output, resolver = self.resolved(parameters)
        document = resolver.value(output["Resources"]["CatalogModelAccessPolicy"]["Properties"]["PolicyDocument"])
        self.assertNotIn("claude", json.dumps(document), "entries do not widen the catalog's statements")
        self.assertNotIn("foundation-model/*", json.dumps(self.statements(parameters)))


class VersionDescriptionsFitLambdasLimit(unittest.TestCase):
    """A version description of more than 256 characters fails the deployment: the parameters' limits keep it short."""

    def longest(self, name, spec):
        self.assertNotEqual("CorsAllowedOrigins", name, "a list has no MaxLength: it rides in the deploy hook's digest")
        if "AllowedValues" in spec:
            return max((str(v) for v in spec["AllowedValues"]), key=len)
        if spec.get("Type") == "Number":
            self.assertIn("MaxValue", spec, "%s needs a MaxValue (it is in a version description)" % name)
            return str(spec["MaxValue"])
        self.assertIn("MaxLength", spec, "%s needs a MaxLength (it is in a version description)" % name)
        return "x" * int(spec["MaxLength"])

    def longest_variable(self, name, node):
        """A coded value (the longest code of its mapping or !If branch), the CORS origins, or a resource attribute."""
        if isinstance(node, dict) and "Fn::GetAtt" in node and node["Fn::GetAtt"][0] == HOOK:
            return DIGEST_CHARS
        if isinstance(node, dict) and "Fn::FindInMap" in node:
            mapping, top, _ = node["Fn::FindInMap"]
            return max(len(str(v)) for v in TEMPLATE["Mappings"][mapping][top].values())
        if isinstance(node, dict) and "Fn::If" in node:
            return max(self.longest_variable(name, branch) for branch in node["Fn::If"][1:])
        if isinstance(node, str):
            return len(node)
        return 12  # a guardrail version number

    def test_the_longest_values_fit(self):
        parameters = TEMPLATE["Parameters"]
        for name, resource in TEMPLATE["Resources"].items():
            description = resource.get("Properties", {}).get("VersionDescription")
            if description is None:
                continue
            text, variables = (description["Fn::Sub"], {}) if isinstance(description["Fn::Sub"], str) \
                else description["Fn::Sub"]
            length = len(re.sub(r"\$\{[^}]+\}", "", text))
            for variable in re.findall(r"\$\{([^}]+)\}", text):
                if variable in variables:
                    length += self.longest_variable(variable, variables[variable])
                else:
                    length += len(self.longest(variable, parameters[variable]))
            self.assertLessEqual(length, MAX_DESCRIPTION, "%s's VersionDescription may reach %d characters" % (name, length))


def references(node):
    """The resources a node refers to (Ref, Fn::GetAtt, ${...} of Fn::Sub), pseudo parameters left out."""
    found = set()
    if isinstance(node, list):
        for n in node:
            found |= references(n)
    elif isinstance(node, dict):
        for key, arg in node.items():
            if key == "Ref" and isinstance(arg, str):
                found.add(arg)
            elif key == "Fn::GetAtt":
                found.add((arg.split(".")[0] if isinstance(arg, str) else arg[0]))
            elif key == "Fn::Sub":
                text = arg if isinstance(arg, str) else arg[0]
                found |= {name.split(".")[0] for name in re.findall(r"\$\{([^}!]+)\}", text)}
                if not isinstance(arg, str):
                    found |= references(arg[1])
            else:
                found |= references(arg)
    return found


class TheDeployHookCarriesWhatDoesNotFit(unittest.TestCase):
    """ParleyDeployHook (docs/deploy.md): the settings too long for 256 characters reach the versions."""

    def test_the_hook_runs_on_parley_function_and_carries_the_jwt_settings_and_origins(self):
        output = translate(JWT_AND_KEYS)
        resolver = Resolver(output, JWT_AND_KEYS)
        hook = output["Resources"][HOOK]
        self.assertEqual({"Fn::GetAtt": ["ParleyFunction", "Arn"]}, hook["Properties"]["ServiceToken"],
                         "the one artifact, unqualified ($LATEST, already updated when the hook runs)")
        config = resolver.value(hook["Properties"]["Config"])
        for function in ("ParleyFunction", "ParleyStreamFunction"):
            variables = resolver.value(output["Resources"][function]["Properties"]["Environment"]["Variables"])
            for parameter, variable in (("JwtIssuer", "PARLEY_AUTH_JWT_ISSUER"), ("JwtAudience", "PARLEY_AUTH_JWT_AUDIENCE"),
                                        ("JwksUrl", "PARLEY_AUTH_JWT_JWKS_URL")):
                self.assertEqual(JWT_AND_KEYS.get(parameter, ""), config[function][parameter], (function, parameter))
                self.assertEqual(variables.get(variable, ""), config[function][parameter], (function, variable))
        self.assertEqual("", config["ParleyStreamFunction"]["CorsAllowedOrigins"])
        # Without JWT_AND_KEYS the functions do not get the JWT settings, and neither does the digest.
        plain = Resolver(translate(JWT), JWT).value(translate(JWT)["Resources"][HOOK]["Properties"]["Config"])
        self.assertEqual({"", }, {plain[f][p] for f in plain for p in ("JwtIssuer", "JwtAudience", "JwksUrl")})

    def test_the_hook_carries_the_allowed_models_and_the_admin_group(self):
        """Too long for a description (AllowedModels may name the whole catalog), so in the digest."""
        parameters = dict(BASE, AllowedModels="nova-micro,nova-lite,claude-haiku-4-5", AdminGroup="parley-admins")
        output = translate(parameters)
        resolver = Resolver(output, parameters)
        config = resolver.value(output["Resources"][HOOK]["Properties"]["Config"])
        for function, carried in (("ParleyFunction", ("AllowedModels", "AdminGroup")),
                                  ("ParleyStreamFunction", ("AllowedModels",))):
            for parameter in carried:
                self.assertEqual(parameters[parameter], config[function][parameter], (function, parameter))
            description = json.dumps(output["Resources"][function]["Properties"].get("VersionDescription"))
            self.assertNotIn("AllowedModels", description, function)
        self.assertNotIn("AdminGroup", config["ParleyStreamFunction"])

    def test_every_version_of_a_function_given_jwt_settings_carries_them_or_the_hooks_digest(self):
        output = translate(JWT_AND_KEYS)
        resources = output["Resources"]
        for name, resource in resources.items():
            if resource["Type"] != "AWS::Lambda::Function":
                continue
            variables = json.dumps(resource["Properties"].get("Environment", {}))
            if "PARLEY_AUTH_JWT_ISSUER" not in variables:
                continue
            versions = [v for v in resources.values() if v["Type"] == "AWS::Lambda::Version"
                        and v["Properties"]["FunctionName"] == {"Ref": name}]
            description = json.dumps(versions[0]["Properties"]["Description"])
            carried = all("${%s}" % p in description for p in ("JwtIssuer", "JwtAudience", "JwksUrl"))
            digest_ref = json.dumps({"Fn::GetAtt": [HOOK, name + "Digest"]})
            self.assertTrue(carried or digest_ref in description, "%s's version: %s" % (name, description))

    def test_no_dependency_cycle_and_the_function_waits_for_no_version_or_alias(self):
        for parameters in (BASE, JWT, JWT_AND_KEYS):
            resources = translate(parameters)["Resources"]
            graph = {name: {r for r in references(resource.get("Properties", {})) | set(
                [resource["DependsOn"]] if isinstance(resource.get("DependsOn"), str) else resource.get("DependsOn", []))
                if r in resources} for name, resource in resources.items()}

            def reach(start):
                seen, todo = set(), [start]
                while todo:
                    for nxt in graph[todo.pop()]:
                        if nxt not in seen:
                            seen.add(nxt)
                            todo.append(nxt)
                return seen

            for name in resources:
                self.assertNotIn(name, reach(name), "%s: %s depends on itself" % (parameters, name))
            waits_for = reach("ParleyFunction")
            self.assertFalse({n for n in waits_for if resources[n]["Type"] in ("AWS::Lambda::Version", "AWS::Lambda::Alias")},
                             "ParleyFunction must not wait for a version or an alias (the hook runs on it)")
            self.assertNotIn(HOOK, waits_for)


if __name__ == "__main__":
    sys.exit(0 if unittest.main(exit=False, verbosity=2).result.wasSuccessful() else 1)
