"""Arrange a flat list of comments into the nested list the template draws.

The whole thread is read in one query and nested here, so the post page costs
the same number of queries with 3 comments or 3,000. Each node says whether its
replies follow and how many nested lists close after it, which lets the
template emit nested ``<ol>`` markup without recursive includes.
"""

from dataclasses import dataclass


@dataclass
class Node:
    comment: object
    depth: int
    has_children: bool = False
    closes: range = range(0)


def build(comments):
    """Depth-first nodes; replies whose parent is not shown are placed at the top level."""
    comments = list(comments)
    shown = {c.pk for c in comments}
    children = {}
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in shown else None
        children.setdefault(parent, []).append(comment)
    nodes = []
    stack = [(c, 1) for c in reversed(children.get(None, []))]
    while stack:
        comment, depth = stack.pop()
        replies = children.get(comment.pk, [])
        nodes.append(Node(comment, depth, has_children=bool(replies)))
        stack.extend((reply, depth + 1) for reply in reversed(replies))
    for node, following in zip(nodes, [*nodes[1:], None], strict=False):
        if not node.has_children:
            next_depth = following.depth if following else 1
            node.closes = range(node.depth - next_depth)
    return nodes
