"""StreamField for API clients: `[{type, id, value}]`, as the blocks represent it.

Two passes, so that reading a page never runs a chooser query per block, both through
Wagtail's own block API on the stored data converted with chooser values that carry
only their id (`cms.preload`, `ids_only`): `collect` gathers the references with
`extract_references` (leaving out sections for the website only: the API serves the
apps), which are then loaded in bulk (cms/api/references.py); `render` asks the blocks
for their `get_api_representation`, with those references resolved in its context.
"""

import contextlib

from cms import preload
from cms.api.references import References, Resolved
from cms.blocks.stored import stored_id


@contextlib.contextmanager
def _ids_only():
    with preload.active(preload.Preloaded(ids_only=True)):
        yield


def _for_apps(block, value):
    # A body leaves out what only the website shows (BodyStreamBlock.for_apps).
    return block.for_apps(value) if hasattr(block, "for_apps") else value


def collect(block, raw, references: References) -> None:
    """Add every reference in `raw` (stored data of `block`) to `references`."""
    with _ids_only():
        value = _for_apps(block, block.to_python(raw))
        for model, object_id, _path, _content_path in block.extract_references(value):
            ref = stored_id(object_id)
            if ref is not None:
                references.add(model, ref)


def render(block, raw, resolved: Resolved):
    """Return the JSON of `raw` (stored data of `block`): the blocks' own API
    representations (cms/blocks), given the references resolved in bulk."""
    with _ids_only():
        value = block.to_python(raw)
        return block.get_api_representation(value, {"resolved": resolved})
