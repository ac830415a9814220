"""yusuan (预算): read, audit and export Chinese government budget disclosures."""

from yusuan.model import Document
from yusuan.pipeline import load

__all__ = ["Document", "load"]
__version__ = "0.1.0"
