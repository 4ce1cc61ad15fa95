"""The engine that turns fact files and narratives into the zones microsite."""
