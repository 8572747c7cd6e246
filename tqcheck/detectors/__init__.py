"""Detectors: small classes that read a document and report findings, never edit it."""
from tqcheck.detectors.base import DetectionContext, Detector

__all__ = ["DetectionContext", "Detector"]
