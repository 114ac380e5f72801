"""Curation: building the quote dataset (candidates, supplement, annotation, splits, checks)."""
