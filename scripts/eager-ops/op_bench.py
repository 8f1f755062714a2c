# Reference microbenchmark for docs/benchmarks.md "Against PyTorch eager" (not product code): the same shapes as
# OpBench.java in the Debian torch.  /usr/bin/python3 scripts/eager-ops/op_bench.py THREADS
import sys, time, torch, torch.nn.functional as F
torch.set_num_threads(int(sys.argv[1]))
def t(name, n, f):
    for rep in range(3):
        t0 = time.perf_counter()
        for _ in range(n): f()
        us = (time.perf_counter() - t0) / n * 1e6
    print(f"  torch {name:45s} {us:9.2f} us")
with torch.inference_mode():
    x288, x768 = torch.randn(1, 1, 288), torch.randn(1, 1, 768)
    w288, e288, w768, e768 = torch.randn(768, 288), torch.randn(32000, 288), torch.randn(2048, 768), torch.randn(32000, 768)
    t("add scalar [1,1,288] (one op + close)", 20000, lambda: x288 + 1)
    def chain():
        y = x288
        for _ in range(10): y = y + 1
    t("10 chained adds [1,1,288]", 2000, chain)
    t("tensor [1,288] from list", 20000, lambda: torch.tensor([[0.0]*288]))
    t("matmul [1,1,288]x[288,768]T", 5000, lambda: F.linear(x288, w288))
    t("matmul [1,1,288]x[288,32000]T", 300, lambda: F.linear(x288, e288))
    t("matmul [1,1,768]x[768,2048]T", 1000, lambda: F.linear(x768, w768))
    t("matmul [1,1,768]x[768,32000]T", 100, lambda: F.linear(x768, e768))
