"""Prediction: score files with a logged model, locally (checkpointed) or through Spark.

`options` holds the defaults and is cheap to import; `local`, `spark`, `checkpoint`
and `engine` load MLflow (and Spark) only when used.
"""
