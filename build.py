#!/usr/bin/env python3
"""Build the Wegwijzer site: `python build.py [build|check|serve] [--port N]`."""
import sys

from wegwijzer.cli import main

if __name__ == "__main__":
    sys.exit(main())
