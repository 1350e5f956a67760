"""Promotions in the Wagtail admin, for the Marketing group."""
