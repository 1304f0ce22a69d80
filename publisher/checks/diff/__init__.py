"""``publisher diff``: which pages of the print edition a change moved, for a review like a print shop's."""
