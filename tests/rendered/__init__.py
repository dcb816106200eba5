"""Every outgoing message and view the Block Kit builders make, from inputs a test chooses.

`render_all(t, inputs)` calls each builder of `handlers/blocks/` (status card, list,
approvals, exclusivity quote, clause and window line, roadmap and its reminders, digest, help,
forms) the way the handlers do, with the people's text taken from `inputs`, and returns
`(name, payload)` pairs: a message (`text` + `blocks`) or a view. The property tests for
escaping, for Block Kit's limits and for untranslated codes all walk this one list.
"""

from __future__ import annotations

from locales import Translator
from tests.rendered.approvals import approvals_rendered
from tests.rendered.cards import forms_rendered, help_rendered, listing_rendered, status_rendered
from tests.rendered.deals import digest_rendered, exclusivity_rendered, roadmap_rendered
from tests.rendered.inputs import Inputs, Named

__all__ = ["Inputs", "Named", "render_all"]


def render_all(t: Translator, inputs: Inputs) -> list[Named]:
    return [
        *status_rendered(t, inputs),
        *listing_rendered(t, inputs),
        *approvals_rendered(t, inputs),
        *exclusivity_rendered(t, inputs),
        *roadmap_rendered(t, inputs),
        *digest_rendered(t, inputs),
        *help_rendered(t, inputs),
        *forms_rendered(t, inputs),
    ]
