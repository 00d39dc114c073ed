"""icp-faq: answers to the ICP filing transfer (接入备案) FAQ, as a guided session and lookups."""

__version__ = "0.1.0"
