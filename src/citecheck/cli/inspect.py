"""Placeholder until this subcommand lands."""
