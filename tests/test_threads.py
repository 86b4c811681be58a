"""Nesting a flat list of comments for the template."""

from types import SimpleNamespace

from comments.threads import build


def comment(pk, parent=None):
    return SimpleNamespace(pk=pk, parent_id=parent)


def test_depth_first_order_with_list_closing_counts():
    nodes = build([comment(1), comment(2, 1), comment(3, 2), comment(4), comment(5, 4)])
    assert [(n.comment.pk, n.depth, n.has_children, len(n.closes)) for n in nodes] == [
        (1, 1, True, 0), (2, 2, True, 0), (3, 3, False, 2), (4, 1, True, 0), (5, 2, False, 1),
    ]


def test_reply_to_a_hidden_comment_is_shown_at_the_top_level():
    nodes = build([comment(2, 1), comment(3)])
    assert [(n.comment.pk, n.depth) for n in nodes] == [(2, 1), (3, 1)]


def test_empty_thread():
    assert build([]) == []
