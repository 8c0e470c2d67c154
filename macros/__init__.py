"""The macros module both generators load (mkdocs.yml: plugins > macros > module_name).

It only registers: the adapter for the generator that is running does the wiring,
and everything else lives in generator-free sibling modules.
"""

from __future__ import annotations


def define_env(env) -> None:
    # Zensical's MacroEnv comes from zensical.extensions.macros; mkdocs-macros passes its plugin.
    if type(env).__module__.startswith("zensical"):
        from .adapter_zensical import define_env as adapter
    else:
        from .adapter_mkdocs import define_env as adapter
    adapter(env)
