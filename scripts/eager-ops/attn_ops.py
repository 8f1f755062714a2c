# Reference microbenchmark for docs/benchmarks.md "Against PyTorch eager" (not product code): the same shapes as
# AttnOps.java in the Debian torch.  /usr/bin/python3 scripts/eager-ops/attn_ops.py THREADS
import sys, time, torch
torch.set_num_threads(int(sys.argv[1]))
def t(name, n, f):
    for rep in range(3):
        t0 = time.perf_counter()
        for _ in range(n): f()
    print(f"  torch {name:45s} {(time.perf_counter()-t0)/n*1e6:9.1f} us")
with torch.inference_mode():
    cache = torch.zeros(1, 6, 256, 48); q = torch.randn(1, 6, 1, 48); p = torch.randn(1, 6, 1, 192)
    t("q . kview^T  [1,6,1,48]x[1,6,48,192]", 2000, lambda: q @ cache[:, :, :192].transpose(2, 3))
    t("p . vview [1,6,1,192]x[1,6,192,48]", 2000, lambda: p @ cache[:, :, :192])
    t("softmax [1,6,1,192]", 2000, lambda: p.softmax(-1))
    h = torch.randn(1, 1, 288); w = torch.randn(288, 288)
    t("linear [1,1,288]x[288,288]T", 2000, lambda: torch.nn.functional.linear(h, w))
