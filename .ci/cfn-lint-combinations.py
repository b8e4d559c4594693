#!/usr/bin/env python3
"""cfn-lint template.yaml once per combination of the operations parameters (alarms, tracing, budgets).

Each combination is first checked against the parameters' AllowedValues / AllowedPattern, as
CloudFormation would check it, then linted as a copy of template.yaml with those parameters'
defaults set to the combination (SAM resolves some properties at transform time; the same helper as
.ci/cfn-lint-matrix) and the same values passed as parameters. A bad value of the list below, or
any cfn-lint error or warning, fails the run. (.ci/cfn-lint-matrix covers Packaging x AuthMode x
Architecture; these parameters do not interact with those.)
"""
import importlib.machinery
import itertools
import pathlib
import re
import sys

from cfnlint import api
from cfnlint.config import ManualArgs
from cfnlint.context.parameters import ParameterSet
from cfnlint.decode import decode

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEMPLATE = str(ROOT / "template.yaml")
with_defaults = importlib.machinery.SourceFileLoader(
    "cfn_lint_matrix", str(ROOT / ".ci" / "cfn-lint-matrix")).load_module().with_defaults
CHOICES = {
    "XRayTracing": ["Disabled", "Active"],
    "AlarmEmail": ["", "ops@example.com"],
    "AlarmTopicArn": ["", "arn:aws:sns:us-east-1:123456789012:parley-ops"],
    "DailyTokenBudget": ["", "2000000"],
    "MonthlyUsdBudget": ["", "25.50"],
}

ALONE = {
    "AccessLogsRole": ["EXISTING", "NONE"],
    "MarketplaceSubscribeOnFirstUse": ["true"],
    "StreamReservedConcurrency": ["0"],
    "ApiReservedConcurrency": ["50"],
    "MetricsNamespace": ["Parley/prod"],
    "CorsAllowedOrigins": ["https://app.example.com"],
}


def sam_resolves(match):
    """W1030 on TracingConfig/Mode: cfn-lint checks SAM's output with Tracing still a Ref, which
    may be 'Disabled'; SAM itself resolves the parameter while transforming and leaves
    TracingConfig out for 'Disabled' (samtranslator sam_resources: 'Explicitly setting Trace to
    Disabled is the same as omitting Tracing property'), so the deployed template never has it."""
    return match.rule.id == "W1030" and "TracingConfig/Mode" in str(match)


def allowed(spec, value):
    if "AllowedValues" in spec and value not in [str(v) for v in spec["AllowedValues"]]:
        return False
    pattern = spec.get("AllowedPattern")
    return pattern is None or re.fullmatch(pattern, value) is not None


def main():
    template, errors = decode(TEMPLATE)
    if errors:
        print(errors)
        return 1
    with open(TEMPLATE, encoding="utf-8") as f:
        text = f.read()
    failures = 0
    names = list(CHOICES)
    for values in itertools.product(*(CHOICES[n] for n in names)):
        combination = dict(zip(names, values))
        for name, value in combination.items():
            if not allowed(template["Parameters"][name], value):
                print(f"{combination}: {name}={value!r} is not allowed by the template")
                failures += 1
        matches = api.lint(with_defaults(text, combination),
                           config=ManualArgs(parameters=[ParameterSet(source=None, parameters=combination)]))
        for match in matches:
            if sam_resolves(match):
                continue
            print(f"{combination}: {match}")
            failures += 1
    # The capacity, logging and IAM parameters, each alone at its non-default values (their
    # product with the above would be hundreds of runs; they do not interact with each other).
    for name, values in ALONE.items():
        for value in values:
            combination = {name: value}
            if not allowed(template["Parameters"][name], value):
                print(f"{combination}: not allowed by the template")
                failures += 1
            matches = api.lint(with_defaults(text, combination),
                               config=ManualArgs(parameters=[ParameterSet(source=None, parameters=combination)]))
            for match in matches:
                print(f"{combination}: {match}")
                failures += 1
    # The patterns must refuse what CloudFormation should refuse, too.
    for name, bad in [("AlarmEmail", "not-an-address"), ("AlarmTopicArn", "my-topic"),
                      ("DailyTokenBudget", "-5"), ("MonthlyUsdBudget", "ten"),
                      ("MetricsNamespace", "Parley prod with spaces"), ("DailyTokenBudget", "12345678901")]:
        if allowed(template["Parameters"][name], bad):
            print(f"{name} accepts the invalid value {bad!r}")
            failures += 1
    total = len(list(itertools.product(*CHOICES.values())))
    print(f"cfn-lint: {total} parameter combinations, {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
