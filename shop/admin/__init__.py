"""The staff side of the shop in the Wagtail admin."""
