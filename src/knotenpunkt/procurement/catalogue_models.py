"""Kept only because migrations 0003 and 0005 import `document_path` from this path (an
upload_to callable); the model lives in models/catalogue.py. Delete after squashing them."""

from knotenpunkt.procurement.models.catalogue import document_path

__all__ = ["document_path"]
