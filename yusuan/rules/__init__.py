"""The rule catalog. Each family is one module of rule functions; ``yusuan.rules.registry`` lists
every rule that runs, one line per rule (code and function).

Adding a family = adding a module and its rules' lines to the registry.
"""
