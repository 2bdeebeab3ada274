"""Turning a scraped article into a draft summary, and checking quotes against it."""
