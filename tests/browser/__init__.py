"""Real-browser tests (Playwright + Debian chromium)."""
