"""Write a synthetic WordPress export of any size, for tests and the import benchmark."""

from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{v}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/{v}/">
<channel>
<title>Generated</title>
<link>https://gammal.example.se</link>
<wp:wxr_version>{v}</wp:wxr_version>
<wp:base_site_url>https://gammal.example.se</wp:base_site_url>
<wp:author><wp:author_login>politiker</wp:author_login></wp:author>
<wp:category><wp:category_nicename>politik</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Politik]]></wp:cat_name></wp:category>
"""

COMMENT = """<wp:comment>
<wp:comment_id>{id}</wp:comment_id>
<wp:comment_author><![CDATA[Läsare {id}]]></wp:comment_author>
<wp:comment_author_email>lasare{id}@example.se</wp:comment_author_email>
<wp:comment_author_url></wp:comment_author_url>
<wp:comment_author_IP>192.0.2.{ip}</wp:comment_author_IP>
<wp:comment_date_gmt>{date}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Kommentar {id} med lite text.]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved>
<wp:comment_type>comment</wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent>
</wp:comment>
"""


def item(post_id, title, content, date, status="publish", comments="", extra=""):
    stamp = date.strftime("%Y-%m-%d %H:%M:%S")
    return f"""<item>
<title>{escape(title)}</title>
<link>https://gammal.example.se/?p={post_id}</link>
<dc:creator>politiker</dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date>{stamp}</wp:post_date>
<wp:post_date_gmt>{stamp}</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status>
<wp:post_name>inlagg-{post_id}</wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_type>post</wp:post_type>
<wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="politik"><![CDATA[Politik]]></category>
{extra}{comments}</item>
"""


def write(path, posts, comments_per_post=0, version="1.2"):
    """Write ``posts`` posts, each with threaded comments (every third a reply)."""
    start = datetime(2015, 1, 1, tzinfo=UTC)
    comment_id = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER.format(v=version))
        for n in range(1, posts + 1):
            date = start + timedelta(hours=7 * n)
            comments = []
            for c in range(comments_per_post):
                comment_id += 1
                parent = comment_id - 1 if c % 3 == 2 else 0
                comments.append(COMMENT.format(
                    id=comment_id, ip=comment_id % 250, parent=parent,
                    date=(date + timedelta(minutes=c + 1)).strftime("%Y-%m-%d %H:%M:%S"),
                ))
            body = f"Inlägg {n} handlar om Huddinge.\n\nAndra stycket\nmed radbrytning."
            out.write(item(n, f"Inlägg {n}", body, date, comments="".join(comments)))
        out.write("</channel>\n</rss>\n")
    return path
