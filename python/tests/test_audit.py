"""The `reprint` Python package against the installed command: records in, report out."""

import json
import subprocess
import sys

import pytest

import reprint

# A wire story two outlets carry, each with its own opening: long enough for every stage.
WIRE = (
    "The regional water board voted on Tuesday to raise the price of irrigation water by "
    "eleven percent next spring, citing three dry winters in a row and the cost of repairing "
    "the northern canal, which lost nearly a fifth of its flow to leaks last summer according "
    "to the board's own engineers."
)


def story(i, source, opening, date):
    return {
        "id": f"s{i}",
        "source": source,
        "date": date,
        "title": f"Water prices rise ({source})",
        "text": f"{opening}\n\n{WIRE}\n\nFarmers said they would appeal the decision.",
    }


RECORDS = [
    story(1, "Valley Herald", "Farmers in the valley face higher bills.", "2024-03-01"),
    story(2, "Coast Tribune", "A price rise is coming for growers.", "2024-03-02"),
    {
        "id": "s3",
        "source": "Coast Tribune",
        "date": "2024-03-03",
        "text": "The city council approved a new library budget after a long debate.",
    },
]


def test_records_give_the_audit_document():
    report = reprint.audit(RECORDS)
    assert report["schema"] == "reprint.audit/1"
    assert report["summary"]["articles"] == 3
    assert [a["id"] for a in report["articles"]] == ["s1", "s2", "s3"]
    shared = [
        f for f in report["findings"] if {m["article"] for m in f["members"]} >= {"s1", "s2"}
    ]
    assert shared, "the shared wire paragraph is a finding"
    assert all(m["article"] != "s3" for f in shared for m in f["members"])


def test_records_and_the_same_file_audit_alike(tmp_path):
    path = tmp_path / "stories.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    from_records = reprint.audit(RECORDS)
    from_file = reprint.audit(path)
    from_list = reprint.audit([str(path)])
    for report in (from_records, from_file, from_list):
        for a in report["articles"]:
            a.pop("path")
    assert from_records == from_file == from_list


def test_a_bad_record_is_named_by_its_position():
    bad = [RECORDS[0], {"id": "x", "text": 5}, RECORDS[1]]
    with pytest.raises(reprint.RecordError) as raised:
        reprint.audit(bad)
    err = raised.value
    assert err.problems[0][0] == "records[1]"
    assert "text" in err.problems[0][1]
    assert "records[1]" in str(err)
    # The rest was still audited, and errors="report" returns it.
    assert err.report["summary"]["articles"] == 2
    report = reprint.audit(bad, errors="report")
    assert report["errors"][0]["place"] == "<stdin>:2"
    assert report["summary"]["articles"] == 2


def test_a_record_that_is_not_json_is_named():
    with pytest.raises(TypeError, match=r"records\[1\]"):
        reprint.audit([RECORDS[0], {"id": "y", "text": object()}])
    with pytest.raises(TypeError, match=r"records\[0\]"):
        reprint.audit([3])


def test_config_as_a_dict_and_its_errors(tmp_path):
    report = reprint.audit(RECORDS, config={"align": {"enabled": False}, "spans": {"min_words": 12}})
    assert report["summary"]["articles"] == 3
    with pytest.raises(reprint.ReprintError, match="nope") as raised:
        reprint.audit(RECORDS, config={"align": {"nope": 1}})
    assert raised.value.returncode == 2
    toml = tmp_path / "reprint.toml"
    toml.write_text('[align]\nenabled = false\n', encoding="utf-8")
    assert reprint.audit(RECORDS, config=toml)["summary"]["articles"] == 3


def test_no_articles_and_missing_inputs_raise(tmp_path):
    with pytest.raises(reprint.ReprintError, match="no articles"):
        reprint.audit(tmp_path)
    with pytest.raises(reprint.ReprintError):
        reprint.audit([])
    with pytest.raises(ValueError):
        reprint.audit(RECORDS, errors="ignore")


def test_the_output_does_not_depend_on_jobs():
    one = reprint.audit(RECORDS, jobs=1)
    two = reprint.audit(RECORDS, jobs=2)
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_the_installed_command_runs():
    binary = reprint.find_reprint_bin()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("reprint ")
    via_module = subprocess.run(
        [sys.executable, "-m", "reprint", "--version"], capture_output=True, text=True, check=True
    )
    assert via_module.stdout == version.stdout


def test_toml_strings_are_escaped():
    text = reprint._toml({"t": {"s": 'a "q" \\ \x7f é'}})
    assert text == '\n[t]\ns = "a \\"q\\" \\\\ \\u007F é"\n'
