# The inference log chat.csv of examples/llm-economics, generated once (random seed 19). Run: python3 generate-log.py
import random, csv, io
random.seed(19)
rows=[]
for i in range(26):
    minute = i*5 if i<24 else 150+i   # 24 rows in 00:00-02:00, two at 02:30+ outside the usage period
    ts = f"2026-11-01T{minute//60:02d}:{minute%60:02d}:00Z"
    modality = "image" if i%4==3 else "text"
    p = random.randint(200, 1800) + (765 if modality=="image" else 0)
    c = random.randint(20, 600)
    k = random.choice(["", "", str(random.randint(0, p//2))])
    otlp = i%6==5      # logged through OTLP: input_tokens/output_tokens instead of the OpenAI names
    refused = "true" if random.random()<0.2 else "false"
    judge = round(random.uniform(0.3, 1.0), 3)
    rows.append(dict(timestamp=ts, request_id=f"r{i:02d}", prompt_tokens="" if otlp else p, completion_tokens="" if otlp else c,
        input_tokens=p if otlp else "", output_tokens=c if otlp else "", cached_tokens=k, modality=modality, refused=refused, judge_score=judge))
out=io.StringIO()
w=csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n"); w.writeheader(); w.writerows(rows)
open("chat.csv", "w").write(out.getvalue())

