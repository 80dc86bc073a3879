# An inference log of N requests over about two hours (2026-11-01 00:00-01:57 UTC) with token counts, for
# `steward cost tokens` at scale: prompt 100-2,000, completion 10-600, cached 0-50 on half the rows, modality
# image on every 4th row, team a/b/c in turn. Fixed seed. Usage: python3 generate-token-log.py N > log.csv
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
random.seed(1)
out = sys.stdout
out.write("timestamp,prompt_tokens,completion_tokens,cached_tokens,modality,team\n")
for i in range(n):
    s = i * 7_000 // n
    cached = random.choice(["", random.randint(0, 50)])
    out.write(f"2026-11-01T{s // 3600:02d}:{(s // 60) % 60:02d}:{s % 60:02d}Z,{random.randint(100, 2000)},{random.randint(10, 600)},"
              f"{cached},{'image' if i % 4 == 0 else 'text'},{'abc'[i % 3]}\n")
