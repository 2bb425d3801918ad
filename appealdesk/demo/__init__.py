"""Demo data: a realistic rural settlement's appeals office (``make_demo``)."""

from .generator import DemoSummary, make_demo

__all__ = ["DemoSummary", "make_demo"]
