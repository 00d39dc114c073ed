"""``python -m icp_faq``."""

from .cli import main

if __name__ == "__main__":
    main()
