from __future__ import annotations

import json

import jsonschema

from socialplan.examples import example_names, example_plan
from socialplan.plan.io import plan_to_json
from socialplan.plan.schema import plan_json_schema


def test_every_example_validates_against_the_published_schema() -> None:
    schema = plan_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for name in example_names():
        jsonschema.validate(json.loads(plan_to_json(example_plan(name=name))), schema)


def test_schema_rejects_what_the_model_rejects() -> None:
    data = json.loads(plan_to_json(example_plan("en")))
    data["channels"][0]["category"] = "carrier pigeons"
    errors = list(jsonschema.Draft202012Validator(plan_json_schema()).iter_errors(data))
    assert errors
