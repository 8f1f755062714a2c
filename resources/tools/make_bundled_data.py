#!/usr/bin/env python3
"""Derive the bundled data files from ../shared/data (python3, standard library only).

    python3 resources/tools/make_bundled_data.py [SHARED_DATA_DIR]

Copies base_models.csv and frontier_models.csv into
resources/src/main/resources/dev/cape/resources/data/, unchanged except for one added last
column, `quirks`: semicolon-separated data-quality flags derived by the rules below from the
caveats of ../shared/data/README.md and each row's own columns (`notes`, `source`,
`arch_source`, empty cells). Every flag is documented in docs/data-format.md.

The script checks what it promises: re-serialising the original columns reproduces the
source file byte for byte, every row that has `notes` gets at least one flag from them, and
every flag it can emit is documented. The Maven build never runs it; re-run it by hand when
the shared data changes and commit the result.
"""
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources/src/main/resources/dev/cape/resources/data"
DOC = ROOT / "docs/data-format.md"
CORE = ["mmlu", "arc_c", "hellaswag", "winogrande", "truthfulqa_mc2", "gsm8k"]
ARCH = ["hidden_size", "n_layers", "n_heads", "vocab_size", "n_kv_heads", "intermediate_size"]


def has(text, *parts):
    return any(p in text for p in parts)


# Base models: (flag, rule, whether the rule reads the `notes` column).
BASE_RULES = [
    ("vendor_reported_scores", lambda r: r["source"].startswith("QwenLM/qwenlm.github.io"), False),
    ("gsm8k_4shot", lambda r: "GSM8K 4-shot" in r["notes"], True),
    ("truthfulqa_variant_unnamed", lambda r: "metric not named" in r["truthfulqa_variant"], False),
    ("params_actual_count", lambda r: "actual count" in r["notes"], True),
    ("params_copied_as_given_suspect",
     lambda r: has(r["notes"], "although the model name says", "neither total"), True),
    ("moe_active_params", lambda r: "= active" in r["notes"], True),
    ("moe_total_params", lambda r: has(r["notes"], "~ total params", "= total"), True),
    ("moe_params_unclear", lambda r: "neither total" in r["notes"], True),
    ("hybrid_ssm_attention", lambda r: "hybrid SSM-attention" in r["notes"], True),
    ("tokens_unit_suspect", lambda r: "tokens_t copied as given" in r["notes"], True),
    ("flops_unit_suspect", lambda r: "FLOPs column likewise scaled" in r["notes"], True),
    ("fp8_checkpoint", lambda r: "FP8 checkpoint" in r["notes"], True),
    ("architecture_from_related_model",
     lambda r: "architecture taken from" in r["notes"]
     or has(r["arch_source"], "shares StarCoderBase architecture", "cosmo2 checkpoint"), True),
    ("architecture_hand_entered", lambda r: "hand-entered" in r["arch_source"], False),
    ("architecture_third_party_summary", lambda r: "promptlayer.com" in r["arch_source"], False),
    ("architecture_missing", lambda r: all(r[c] == "" for c in ARCH), False),
    ("architecture_partial",
     lambda r: r["hidden_size"] != ""
     and any(r[c] == "" for c in ["n_layers", "n_heads", "vocab_size", "intermediate_size"]), False),
    ("intermediate_size_derived",
     lambda r: r["arch_source"].startswith("Lightning-AI/litgpt") and r["model"].startswith("tiiuae/falcon"),
     False),
    ("intermediate_size_dense_layer", lambda r: "intermediate = first dense layer" in r["arch_source"], False),
    ("tokens_missing", lambda r: r["tokens_t"] == "", False),
] + [(c + "_missing", (lambda c: lambda r: r[c] == "")(c), False) for c in CORE]

SOURCE_OWNERS = [
    ("openai/simple-evals", "OpenAI"),
    ("deepseek-ai/", "DeepSeek"),
    ("MoonshotAI/", "Moonshot AI"),
    ("MiniMax-AI/", "MiniMax"),
    ("https://github.com/marketplace/models/azureml/Phi-4", "Microsoft"),
]


def owner(source):
    for prefix, lab in SOURCE_OWNERS:
        if source.startswith(prefix):
            return lab
    raise SystemExit("no owner known for source: " + source)


def vendor_reported(r):
    return has(r["notes"], "vendor-reported", "taken from the model's own report")


FRONTIER_RULES = [
    ("first_party_evaluation", lambda r: owner(r["source"]) == r["lab"] and not vendor_reported(r), False),
    ("vendor_reported_scores", vendor_reported, True),
    ("third_party_evaluation", lambda r: owner(r["source"]) != r["lab"] and not vendor_reported(r), False),
    ("extended_thinking_budget", lambda r: "extended-thinking budget" in r["notes"], True),
    ("math_lower_than_vendor_reported", lambda r: "MATH marked *" in r["notes"], True),
]


def serialise(header, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def derive(src, rules, name):
    text = src.read_bytes().decode("utf-8")
    table = list(csv.reader(io.StringIO(text, newline="")))
    header, rows = table[0], table[1:]
    if "quirks" in header:
        raise SystemExit(name + ": already has a quirks column")
    if serialise(header, rows) != text:
        raise SystemExit(name + ": re-serialising does not reproduce the source bytes; refusing to write")
    out_rows = []
    for cells in rows:
        r = dict(zip(header, cells))
        flags = [f for f, rule, _ in rules if rule(r)]
        if r.get("notes") and not [f for f, rule, from_notes in rules if from_notes and rule(r)]:
            raise SystemExit(name + ": no flag derived from the notes of " + r["model"] + ": " + r["notes"])
        out_rows.append(cells + [";".join(flags)])
    (OUT / name).write_bytes(serialise(header + ["quirks"], out_rows).encode("utf-8"))
    return len(rows)


def main():
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    doc = DOC.read_text(encoding="utf-8")
    for flag, _, _ in BASE_RULES + FRONTIER_RULES:
        if "`" + flag + "`" not in doc:
            raise SystemExit("flag not documented in docs/data-format.md: " + flag)
    n = derive(shared / "base_models.csv", BASE_RULES, "base_models.csv")
    m = derive(shared / "frontier_models.csv", FRONTIER_RULES, "frontier_models.csv")
    print("wrote %d base and %d frontier rows to %s" % (n, m, OUT))


if __name__ == "__main__":
    main()
