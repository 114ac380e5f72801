"""Explanations: why a logged model gave each quote its class (`stance explain`).

`tfidf` decomposes a TF-IDF linear model's score into its n-grams, `transformer`
attributes a fine-tuned encoder's score to the words with integrated gradients
(captum), `report` writes both as one HTML file, and `job` runs it on a file.
"""
