from django import template

from stats import charts

register = template.Library()


@register.inclusion_tag("stats/dashboard.html")
def stats_dashboard():
    """The dashboard's picture of the last 30 days, this week's most read pages and the
    sites that sent readers, and the subscribers week by week."""
    bars = charts.last_days()
    return {"bars": bars, "width": charts.WIDTH, "height": charts.HEIGHT,
            "views": sum(b.views for b in bars), "visitors": sum(b.visitors for b in bars),
            "top_pages": charts.top_pages(), "referrers": charts.top_referrers(),
            "subscribers": charts.subscribers_by_week()}


@register.inclusion_tag("stats/post_chart.html")
def post_chart(post):
    """The post's readers over the last 30 days, beside its form."""
    if post is None or not post.pk:
        return {"bars": None}
    path = post.get_absolute_url()
    bars = charts.last_days(path)
    return {"bars": bars, "width": charts.WIDTH, "height": charts.HEIGHT,
            "views": sum(b.views for b in bars), "total": charts.total_views(path)}
