#!/usr/bin/env python3
"""Aggregates a JFR recording's execution samples: top frames by self time, and the share of samples whose stack
passes through each of the given substrings (inclusive time), e.g. a filter's class name.

    bench/jfr-top.py recording.jfr [--top 30] [--depth 64] [Substring ...]
"""
import argparse
import collections
import re
import subprocess

parser = argparse.ArgumentParser()
parser.add_argument("recording")
parser.add_argument("--top", type=int, default=30)
parser.add_argument("--depth", type=int, default=96)
parser.add_argument("needles", nargs="*")
args = parser.parse_intermixed_args()

text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", str(args.depth),
                       args.recording], capture_output=True, text=True, check=True).stdout
frame = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
stacks = []
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = [m.group(1) for m in map(frame.match, event.splitlines()) if m]
    if frames:
        stacks.append(frames)
total = len(stacks)
print(f"{total} execution samples")
self_time = collections.Counter(s[0] for s in stacks)
print(f"\ntop {args.top} frames by self time:")
for name, count in self_time.most_common(args.top):
    print(f"{100 * count / total:6.2f}%  {name}")
if args.needles:
    print("\ninclusive (stack passes through):")
    for needle in args.needles:
        count = sum(1 for s in stacks if any(needle in f for f in s))
        print(f"{100 * count / total:6.2f}%  {needle}")
