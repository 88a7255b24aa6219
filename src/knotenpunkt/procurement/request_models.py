"""Kept only because migrations 0003 and 0005 import `quote_document_path` from this path
(an upload_to callable); the model lives in models/requests.py. Delete after squashing them."""

from knotenpunkt.procurement.models.requests import quote_document_path

__all__ = ["quote_document_path"]
