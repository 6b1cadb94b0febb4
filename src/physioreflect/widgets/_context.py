"""What a view may use of the dashboard around it: a small protocol, so views depend on it
and not on the shell (and the shell can hold any view without an import cycle)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    import ipywidgets as widgets

    from physioreflect.app import Step, WorkbookController
    from physioreflect.content import ContentLibrary, PromptSet
    from physioreflect.model import Edit, Section, Workbook
    from physioreflect.storage import Workspace

__all__ = ["SectionView", "ViewContext"]

F = TypeVar("F", bound=Callable[..., Any])


class ViewContext(Protocol):
    """Texts, language, read-only state, edits and navigation for one view."""

    @property
    def controller(self) -> WorkbookController: ...

    @property
    def lang(self) -> str: ...

    @property
    def library(self) -> ContentLibrary: ...

    @property
    def prompt_set(self) -> PromptSet: ...

    @property
    def workspace(self) -> Workspace: ...

    @property
    def workbook(self) -> Workbook: ...

    @property
    def read_only(self) -> bool: ...

    def t(self, key: str, /, **params: Any) -> str:
        """A text of the interface catalog in the page's language."""
        ...

    def edit(self, section: Section | None, change: Edit) -> str | None:
        """Apply an edit; a refusal comes back as a message for the field, in the page's
        language, and leaves the workbook unchanged."""
        ...

    def guard(self, handler: F) -> F:
        """Wrap a widget callback so that no error escapes it unseen."""
        ...

    def say(self, text: str, kind: str = "info") -> None: ...

    def go(self, step: Step, *, field: str | None = None) -> None:
        """Open ``step``; ``field`` (a widget's CSS class) is scrolled to and focused."""
        ...


class SectionView(Protocol):
    """A step's view: built once for a workbook and a language, then kept up to date."""

    widget: widgets.Widget

    def refresh(self, section: Section | None) -> None:
        """``section`` of the workbook changed (``None``: possibly all of it)."""
        ...
