#!/usr/bin/python3
"""Reference benchmark, not product code: a plain PyTorch eager llama forward with a KV cache, timed the way
`cape bench forward` times ours (issue 4: "decode with KV cache at least as fast as PyTorch eager on the same model").

    /usr/bin/python3 scripts/bench-pytorch-eager.py --model PATH [--threads N] [--prefill 128] [--decode 128] [--runs 3]
    /usr/bin/python3 scripts/bench-pytorch-eager.py --model PATH --check cape-forward.json   # correctness only

Debian 12: `apt-get install python3-torch libopenblas0-openmp` (without an optimised BLAS, Debian's torch multiplies
matrices with the reference BLAS). PATH: a llama2.c model.bin (or a folder holding one), or a Hugging Face llama folder
(config.json + F32 model.safetensors, read here with numpy + json), e.g. the one `cape bench forward --random-llama 125m
--save-random DIR` keeps. --check takes the JSON of `cape forward --model PATH --ids ... --dump logits-last:N
--greedy G --format json` and prints the largest absolute difference of the logits (and whether the KV-cached greedy
tokens agree). Reproduce docs/benchmarks.md "Against PyTorch eager": alternate this script and `./cape bench forward
--model PATH --threads N --no-profile` on the same PATH and thread count.

Measured as in ForwardBenchmark.java: batch 1, random prompt ids in [3, vocab), one untimed warm-up and --runs timed
runs, each with a fresh cache: prefill of the prompt (logits of the last position only), then --decode greedy steps
of one token (argmax of the previous logits, copied to the host as a Python int); medians are printed.
Float32, under torch.inference_mode(). Written from the llama architecture (RMSNorm, RoPE, SwiGLU, GQA), after
Karpathy's llama2.c model.py, with a preallocated cache written in place.
"""
import argparse
import json
import math
import os
import statistics
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F


class Config:
    def __init__(self, dim, hidden, layers, heads, kv_heads, vocab, max_pos, eps, theta, tied, interleaved_rope):
        self.dim, self.hidden, self.layers, self.heads, self.kv_heads = dim, hidden, layers, heads, kv_heads
        self.vocab, self.max_pos, self.eps, self.theta, self.tied = vocab, max_pos, eps, theta, tied
        self.interleaved_rope = interleaved_rope  # llama2.c rotates pairs (2j, 2j+1); HF rotates (j, j + hd/2)
        self.head_dim = dim // heads


def load_llama2c(path):
    """llama2.c v0 model.bin: 7 int32 header, then float32 arrays (weights kept in llama2.c's own layout)."""
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    dim, hidden, layers, heads, kv_heads, vocab, seq_len = struct.unpack("<7i", raw[:28].tobytes())
    tied = vocab > 0
    vocab = abs(vocab)
    floats = np.frombuffer(raw, dtype="<f4", offset=28)
    hd = dim // heads
    kv = hd * kv_heads
    pos = 0

    def take(*shape):
        nonlocal pos
        n = int(np.prod(shape))
        t = torch.from_numpy(floats[pos:pos + n].copy()).reshape(shape)
        pos += n
        return t

    w = {"embed": take(vocab, dim)}
    rms_att, wq, wk, wv, wo = take(layers, dim), take(layers, dim, dim), take(layers, kv, dim), take(layers, kv, dim), \
        take(layers, dim, dim)
    rms_ffn, w1, w2, w3 = take(layers, dim), take(layers, hidden, dim), take(layers, dim, hidden), \
        take(layers, hidden, dim)
    w["final_norm"] = take(dim)
    pos += seq_len * hd  # freq_cis_real, freq_cis_imag: RoPE is recomputed
    w["unembed"] = w["embed"] if tied else take(vocab, dim)
    for l in range(layers):
        w.update({f"{l}.ln1": rms_att[l], f"{l}.q": wq[l], f"{l}.k": wk[l], f"{l}.v": wv[l], f"{l}.o": wo[l],
                  f"{l}.ln2": rms_ffn[l], f"{l}.gate": w1[l], f"{l}.down": w2[l], f"{l}.up": w3[l]})
    cfg = Config(dim, hidden, layers, heads, kv_heads, vocab, seq_len, 1e-5, 10000.0, tied, interleaved_rope=True)
    return cfg, w


def load_hf(folder):
    """HF llama folder: config.json + model.safetensors (u64 header length, JSON header, raw little-endian data)."""
    with open(os.path.join(folder, "config.json")) as f:
        c = json.load(f)
    path = os.path.join(folder, "model.safetensors")
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    base = 8 + n
    t = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        if e["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} is {e['dtype']}, expected F32")
        a, b = e["data_offsets"]
        t[name] = torch.from_numpy(np.frombuffer(raw[base + a:base + b], dtype="<f4").copy()).reshape(e["shape"])
    layers = c["num_hidden_layers"]
    w = {"embed": t["model.embed_tokens.weight"], "final_norm": t["model.norm.weight"]}
    tied = c.get("tie_word_embeddings", False) or "lm_head.weight" not in t
    w["unembed"] = w["embed"] if tied else t["lm_head.weight"]
    names = {"ln1": "input_layernorm", "q": "self_attn.q_proj", "k": "self_attn.k_proj", "v": "self_attn.v_proj",
             "o": "self_attn.o_proj", "ln2": "post_attention_layernorm", "gate": "mlp.gate_proj",
             "up": "mlp.up_proj", "down": "mlp.down_proj"}
    for l in range(layers):
        for k, v in names.items():
            w[f"{l}.{k}"] = t[f"model.layers.{l}.{v}.weight"]
    cfg = Config(c["hidden_size"], c["intermediate_size"], layers, c["num_attention_heads"],
                 c.get("num_key_value_heads", c["num_attention_heads"]), c["vocab_size"],
                 c["max_position_embeddings"], c.get("rms_norm_eps", 1e-6), c.get("rope_theta", 10000.0), tied,
                 interleaved_rope=False)
    return cfg, w


def load(path):
    if os.path.isdir(path) and os.path.exists(os.path.join(path, "model.bin")):
        path = os.path.join(path, "model.bin")
    return load_hf(path) if os.path.isdir(path) else load_llama2c(path)


class Llama:
    """Eager llama forward over batch 1 with a preallocated KV cache [layers, 1, kv_heads, max_pos, head_dim]."""

    def __init__(self, cfg, w):
        self.c, self.w = cfg, w
        half = cfg.head_dim // 2
        inv = 1.0 / (cfg.theta ** (torch.arange(0, half, dtype=torch.float32) * 2 / cfg.head_dim))  # [hd/2]
        f = torch.outer(torch.arange(cfg.max_pos, dtype=torch.float32), inv)  # [max_pos, hd/2]
        self.cos, self.sin = f.cos(), f.sin()

    def new_cache(self):
        c = self.c
        shape = (c.layers, 1, c.kv_heads, c.max_pos, c.head_dim)
        return [torch.zeros(shape), torch.zeros(shape), 0]  # k, v, length

    def rms(self, x, g):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.c.eps) * g

    def rope(self, x, p0):  # x [1, n, t, hd]
        t = x.shape[2]
        cos, sin = self.cos[p0:p0 + t], self.sin[p0:p0 + t]  # [t, hd/2]
        if self.c.interleaved_rope:
            xr = x.reshape(*x.shape[:-1], -1, 2)  # [1, n, t, hd/2, 2]
            x0, x1 = xr[..., 0], xr[..., 1]
            return torch.stack((x0 * cos - x1 * sin, x0 * sin + x1 * cos), -1).flatten(-2)
        x0, x1 = x[..., :x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
        return torch.cat((x0 * cos - x1 * sin, x1 * cos + x0 * sin), -1)

    def forward(self, ids, cache, all_positions=False):
        """ids: a list of ints (batch 1); returns float32 logits [n, V] (n = len(ids) or 1)."""
        c, w = self.c, self.w
        t = len(ids)
        p0 = cache[2]
        s = p0 + t
        group = c.heads // c.kv_heads
        x = F.embedding(torch.tensor([ids]), w["embed"])  # [1, t, d]
        mask = None
        if t > 1:
            mask = torch.full((t, s), float("-inf")).triu(p0 + 1)  # [t, s]: key j visible iff j <= p0 + i
        for l in range(c.layers):
            h = self.rms(x, w[f"{l}.ln1"])
            q = F.linear(h, w[f"{l}.q"]).view(1, t, c.heads, c.head_dim).transpose(1, 2)  # [1, H, t, hd]
            k = F.linear(h, w[f"{l}.k"]).view(1, t, c.kv_heads, c.head_dim).transpose(1, 2)  # [1, KV, t, hd]
            v = F.linear(h, w[f"{l}.v"]).view(1, t, c.kv_heads, c.head_dim).transpose(1, 2)  # [1, KV, t, hd]
            q, k = self.rope(q, p0), self.rope(k, p0)
            cache[0][l, :, :, p0:s] = k  # written in place
            cache[1][l, :, :, p0:s] = v
            k, v = cache[0][l, :, :, :s], cache[1][l, :, :, :s]  # [1, KV, s, hd] views
            if group > 1:
                k = k.repeat_interleave(group, dim=1)  # [1, H, s, hd]
                v = v.repeat_interleave(group, dim=1)
            scores = q @ k.transpose(2, 3) / math.sqrt(c.head_dim)  # [1, H, t, s]
            if mask is not None:
                scores = scores + mask
            z = (scores.softmax(-1) @ v).transpose(1, 2).reshape(1, t, c.dim)  # [1, t, d]
            x = x + F.linear(z, w[f"{l}.o"])
            h = self.rms(x, w[f"{l}.ln2"])
            x = x + F.linear(F.silu(F.linear(h, w[f"{l}.gate"])) * F.linear(h, w[f"{l}.up"]), w[f"{l}.down"])
        cache[2] = s
        x = self.rms(x if all_positions else x[:, -1:], w["final_norm"])
        return F.linear(x, w["unembed"])[0]  # [n, V]


def check(model, path):
    with open(path) as f:
        ref = json.load(f)
    ids = ref["input_ids"]
    want = torch.tensor(ref["logits_last"])  # [N, V]
    with torch.inference_mode():
        got = model.forward(ids, model.new_cache(), all_positions=True)[-want.shape[0]:]
        diff = (got - want).abs().max().item()
        print(f"check: logits of the last {want.shape[0]} of {len(ids)} positions, max |PyTorch - cape| = {diff:.3g}"
              f" (max |logit| {want.abs().max().item():.3g})")
        if "greedy" in ref:
            cache = model.new_cache()
            last = model.forward(ids, cache)[-1]
            out = []
            for _ in ref["greedy"]:
                out.append(int(last.argmax()))
                last = model.forward([out[-1]], cache)[-1]
            print(f"check: KV-cached greedy tokens {'agree' if out == ref['greedy'] else 'DIFFER'}: {out}")
    return diff


def bench(model, args):
    rng = np.random.default_rng(args.seed)
    prompt = [int(i) for i in rng.integers(min(3, model.c.vocab - 1), model.c.vocab, args.prefill)]
    prefill, decode = [], []
    with torch.inference_mode():
        for r in range(-1, args.runs):  # r = -1: warm-up
            cache = model.new_cache()
            p0 = time.perf_counter()
            last = model.forward(prompt, cache)[-1]
            p1 = time.perf_counter()
            for _ in range(args.decode):
                nxt = int(last.argmax())
                last = model.forward([nxt], cache)[-1]
            d1 = time.perf_counter()
            if r >= 0:
                prefill.append(p1 - p0)
                decode.append(d1 - p1)
    ps, ds = statistics.median(prefill), statistics.median(decode)
    print(f"  prefill (batch 1 x {args.prefill} tokens): {args.prefill / ps:.1f} tokens/s (median {ps:.3f} s of"
          f" {args.runs} runs, min {min(prefill):.3f} s)")
    print(f"  decode with KV cache ({args.decode} tokens after the prompt, greedy): {args.decode / ds:.1f} tokens/s"
          f" ({1000 * ds / args.decode:.2f} ms/token, median of {args.runs} runs)")


def blas_libraries():
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line or "mkl" in line}
    return ", ".join(sorted(os.path.basename(os.path.dirname(p)) + "/" + os.path.basename(p) for p in libs)) or "none"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", required=True)
    p.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's)")
    p.add_argument("--prefill", type=int, default=128)
    p.add_argument("--decode", type=int, default=128)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--check", metavar="JSON", help="compare with `cape forward ... --format json` and exit")
    args = p.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    cfg, w = load(args.model)
    model = Llama(cfg, w)
    load_s = time.perf_counter() - t0
    if args.check:
        check(model, args.check)
        return
    print(f"pytorch eager: {args.model}\n  torch {torch.__version__}, intra-op threads {torch.get_num_threads()},"
          f" BLAS {blas_libraries()}, load average {os.getloadavg()[0]:.2f}")
    print(f"  model: d {cfg.dim}, {cfg.layers} layers, {cfg.heads}/{cfg.kv_heads} heads, MLP {cfg.hidden},"
          f" vocab {cfg.vocab}, {'tied' if cfg.tied else 'untied'}; loaded in {load_s:.3f} s")
    bench(model, args)


if __name__ == "__main__":
    main()
