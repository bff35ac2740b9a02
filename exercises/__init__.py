"""Built-in exercise, flow, anchor and crisis-line definitions (YAML), read via importlib.resources."""
