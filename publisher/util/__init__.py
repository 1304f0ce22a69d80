"""Helpers every stage may use: atomic writes, work on the second core, results kept between builds."""
