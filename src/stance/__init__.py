"""stance: learn what position a speaker takes in a quote."""

__version__ = "0.1.0"
