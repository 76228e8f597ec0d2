"""Benchmarks: relevance against peers (bench.relevance) and speed at scale (bench.speed, bench.corpus)."""
