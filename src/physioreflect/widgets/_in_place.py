"""A view built again without drawing it again: the new widgets take over the page's.

Switching the language changes the texts of a step, not its shape. Building the step again
for real would make the browser create and lay out every widget of it once more (a few
hundred models for the Barriers step, seconds on a busy machine). Instead the view is built
again *off the page* — its widgets get comms that send nothing — and each new widget then
takes over the comm of the widget in the same place in the page: the browser keeps its models
and its drawing, and is sent only the values that differ (the texts). The new view's Python
side (its handlers, and any text it keeps for later) is whole and in the new language, as if
it had been built for real.

When the two trees differ in shape (a widget of another kind, another number of children),
nothing is taken over: the new widgets are opened in the page as a normal build's would be.
A widget whose Python side keeps what only the page told it (a chart the page says it draws)
carries that over in a ``keep_from(old)`` method, called before anything is sent.
Widgets a view keeps off its tree (made ready to be shown later) are opened in the page too.

Shared layout and style models (:mod:`physioreflect.widgets._shared`) are always made for
real, as are widgets made for the dashboard's own chrome while a view is built off the page
(:func:`real_comms`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import ipywidgets as widgets
import traitlets
from comm.base_comm import BaseComm
from ipywidgets.widgets.widget import _instances

from physioreflect.widgets._state_batch import StateBatch, send_states

__all__ = ["OffPage", "build_off_page", "real_comms"]

V = TypeVar("V")


class _OffPageComm(BaseComm):
    """A comm that sends nothing: the widget exists only in the kernel until it is given a
    comm of the page's (by taking over a widget there, or by being opened)."""

    def open(self, *args: Any, **kwargs: Any) -> None:
        return None  # not registered with the kernel's comm manager: nobody can message it

    def close(self, *args: Any, **kwargs: Any) -> None:
        self._closed = True

    def publish_msg(self, msg_type: str, *args: Any, **kwargs: Any) -> None:
        return None


_building: list[list[_OffPageComm]] = []
"""The comms made by each build off the page under way (innermost last)."""

_patched: list[list[_OffPageComm]] = []
"""The builds under way, also inside :func:`real_comms` (``Widget.open`` is ours meanwhile)."""

_open_in_page = widgets.Widget.open


def _open_off_page(widget: widgets.Widget) -> None:
    """``Widget.open`` while a view is built off the page: a comm that sends nothing, without
    the state a comm to the page would carry (it would go nowhere)."""
    if not _building:
        _open_in_page(widget)
        return
    if widget.comm is None:
        made = _OffPageComm(target_name="jupyter.widget", comm_id=widget._model_id)
        _building[-1].append(made)
        widget.comm = made
        # Its own layout and style are made on first use: made now, off the page with it.
        for name in _made_on_first_use(type(widget)):
            getattr(widget, name)


_FIRST_USE: dict[tuple[str, str], tuple[str, ...]] = {}


def _made_on_first_use(klass: type[widgets.Widget]) -> tuple[str, ...]:
    """The synced traits of ``klass`` that hold a widget of their own (layout, style).
    Kept by the class's name: a scripted widget gets a class of its own per instance."""
    key = (klass.__module__, klass.__qualname__)
    names = _FIRST_USE.get(key)
    if names is None:
        names = _FIRST_USE[key] = tuple(
            name
            for name, trait in klass.class_traits(sync=True).items()
            if isinstance(trait, traitlets.Instance)
            and isinstance(trait.klass, type)
            and issubclass(trait.klass, widgets.Widget)
        )
    return names


@contextlib.contextmanager
def real_comms() -> Iterator[None]:
    """Widgets made inside this block get real comms, even while a view is built off the
    page: shared models, and anything put straight into the page's chrome."""
    if not _building:
        yield
        return
    saved = _building[:]
    _building.clear()
    try:
        yield
    finally:
        _building.extend(saved)


def _off_page(widget: widgets.Widget) -> bool:
    return isinstance(widget.comm, _OffPageComm)


def _kind(widget: widgets.Widget) -> tuple[Any, ...]:
    # Scripted widgets get a class of their own per instance (``add_traits``): compare what
    # the browser draws, and the class's name.
    return (
        type(widget).__name__,
        getattr(widget, "_model_module", None),
        getattr(widget, "_model_name", None),
        getattr(widget, "_view_name", None),
    )


def _references(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    """The widgets ``widget`` names in its synced state (children, layout, style, …)."""
    for name in widget.keys:
        value = getattr(widget, name, None)
        if isinstance(value, widgets.Widget):
            yield value
        elif isinstance(value, (tuple, list)):
            yield from (item for item in value if isinstance(item, widgets.Widget))


@dataclass
class OffPage(Generic[V]):
    """A view built off the page, and the widgets its build made."""

    view: V
    comms: list[_OffPageComm] = field(default_factory=list)

    def _made(self) -> list[widgets.Widget]:
        ids = {id(made) for made in self.comms}
        found = (_instances.get(made.comm_id) for made in self.comms)
        return [w for w in found if w is not None and id(w.comm) in ids]

    def take_over(
        self, live: widgets.Widget, new: widgets.Widget, *, batch: StateBatch | None = None
    ) -> bool:
        """Give ``new``'s tree the page's widgets of ``live``'s tree, one for one, and send
        the browser only what differs (texts in one message through ``batch``, if given).
        ``False`` (and nothing changed) when the two trees differ in shape; then
        :meth:`open_in_page` is left to do."""
        pairs: list[tuple[widgets.Widget, widgets.Widget]] = []
        if not _pair(live, new, pairs, {}, {}):
            return False
        for old, fresh in pairs:
            keep = getattr(fresh, "keep_from", None)
            if callable(keep):
                keep(old)  # what the page told the old widget alone, before anything is sent
        for old, fresh in pairs:
            page_comm = old.comm
            _instances.pop(fresh.model_id, None)
            old.comm = None  # not closed: the comm, and the browser's model, go on
            fresh.comm = page_comm
        placed = {id(fresh): old for old, fresh in pairs}
        changes = [
            (fresh, [key for key in fresh.keys if _differs(old, fresh, key, placed)])
            for old, fresh in pairs
        ]
        send_states([(fresh, keys) for fresh, keys in changes if keys], batch)
        self.open_in_page()
        return True

    def open_in_page(self) -> None:
        """Open every widget still off the page, each after those it names (the browser
        must know a model before another refers to it)."""
        done: set[int] = set()

        def visit(widget: widgets.Widget) -> None:
            if id(widget) in done or not _off_page(widget):
                return
            done.add(id(widget))
            for child in _references(widget):
                visit(child)
            _instances.pop(widget.model_id, None)
            widget.comm = None
            widget.open()  # with its model id kept, so that others' references hold

        for widget in self._made():
            visit(widget)


def _differs(
    old: widgets.Widget, fresh: widgets.Widget, key: str, placed: dict[int, widgets.Widget]
) -> bool:
    """Does the page's ``old`` show another ``key`` than ``fresh``? A widget named there is
    the same when ``fresh``'s took over ``old``'s place (or is the very same, shared)."""
    mine = getattr(fresh, key)
    theirs = getattr(old, key)
    if isinstance(mine, widgets.Widget):
        return placed.get(id(mine), mine) is not theirs
    if _holds_widgets(mine):  # paired one for one by ``_pair``: as many, in the same places
        return any(placed.get(id(a), a) is not b for a, b in zip(mine, theirs, strict=True))
    return bool(mine != theirs)


def _holds_widgets(value: object) -> bool:
    if isinstance(value, widgets.Widget):
        return True
    return isinstance(value, (tuple, list)) and any(isinstance(i, widgets.Widget) for i in value)


def _pair(
    live: widgets.Widget,
    new: widgets.Widget,
    pairs: list[tuple[widgets.Widget, widgets.Widget]],
    by_new: dict[int, widgets.Widget],
    by_live: dict[int, widgets.Widget],
) -> bool:
    """Pair ``new``'s tree with ``live``'s, place by place; ``False`` where they differ."""
    if new is live:
        return True
    if not _off_page(new) or live.comm is None or _off_page(live) or _kind(live) != _kind(new):
        return False
    if id(new) in by_new or id(live) in by_live:
        return by_new.get(id(new)) is live and by_live.get(id(live)) is new
    by_new[id(new)] = live
    by_live[id(live)] = new
    pairs.append((live, new))
    for name in new.keys:
        mine = getattr(new, name, None)
        theirs = getattr(live, name, None)
        if not (_holds_widgets(mine) or _holds_widgets(theirs)):
            continue
        mine = list(mine) if isinstance(mine, (tuple, list)) else [mine]
        theirs = list(theirs) if isinstance(theirs, (tuple, list)) else [theirs]
        # One for one: as many, in the same places (an empty list where the page shows
        # widgets is another shape, not a text).
        if len(theirs) != len(mine) or not all(
            _pair(a, b, pairs, by_new, by_live)
            if isinstance(b, widgets.Widget) and isinstance(a, widgets.Widget)
            else not isinstance(a, widgets.Widget) and not isinstance(b, widgets.Widget)
            for a, b in zip(theirs, mine, strict=True)
        ):
            return False
    return True


def build_off_page(build: Callable[[], V]) -> OffPage[V]:
    """Run ``build`` with every widget it makes kept off the page. If it fails, what it made
    is dropped and the error is raised."""
    comms: list[_OffPageComm] = []
    if not _patched:
        widgets.Widget.open = _open_off_page
    _patched.append(comms)
    _building.append(comms)
    try:
        view = build()
    except BaseException:
        _drop(comms)
        raise
    finally:
        for stack in (_building, _patched):
            del stack[next(i for i, c in enumerate(stack) if c is comms)]
        if not _patched:
            widgets.Widget.open = _open_in_page
    return OffPage(view, comms)


def _drop(comms: Sequence[_OffPageComm]) -> None:
    for made in comms:
        widget = _instances.pop(made.comm_id, None)
        if widget is not None and widget.comm is made:
            widget.comm = None
