"""Quote-and-speaker extraction from news articles, transcripts, addresses and posts."""
