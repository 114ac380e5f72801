"""MLflow runs this file when it loads a stance model (models-from-code logging)."""

import mlflow.models

from stance.models.pyfunc import StancePyfunc

mlflow.models.set_model(StancePyfunc())
