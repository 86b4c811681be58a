"""Readers counted without cookies: what counts, what is kept, and what the writer sees."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from stats.models import DailyPageCount, DailyReferrer, DailySalt, DailyVisitor
from subscriptions.models import Subscriber
from tests.factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def beacon(path, referrer="", ip="198.51.100.7", agent=FIREFOX, **headers):
    return Client(REMOTE_ADDR=ip).post(
        "/count/", {"p": path, "r": referrer},
        headers={"origin": "http://testserver", "user-agent": agent, **headers})


def counted(path):
    row = DailyPageCount.objects.filter(path=path).first()
    return (row.views, row.visitors) if row else (0, 0)


def test_views_and_visitors_are_counted_with_no_cookie_and_nothing_personal():
    post = PostFactory()
    url = post.get_absolute_url()
    response = beacon(url, "https://www.facebook.com/somebody")
    assert response.status_code == 204 and not response.cookies
    assert response["Cache-Control"] == "private, no-store"
    beacon(url)
    beacon(url, ip="203.0.113.9")
    assert counted(url) == (3, 2) and counted("") == (3, 2)
    assert DailyReferrer.objects.get().host == "www.facebook.com"
    stored = " ".join(str(v) for row in DailyVisitor.objects.values_list() for v in row)
    assert "198.51.100.7" not in stored and "Firefox" not in stored


@pytest.mark.parametrize("change", [
    {"agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"},
    {"agent": "curl/8.5"},
    {"agent": ""},
    {"DNT": "1"},
    {"Sec-GPC": "1"},
    {"origin": "https://evil.example"},
])
def test_bots_do_not_track_and_other_sites_are_not_counted(change):
    post = PostFactory()
    assert beacon(post.get_absolute_url(), **change).status_code == 204
    assert not DailyPageCount.objects.exists()


@pytest.mark.parametrize("path", ["/admin/", "/feed/", "/finns-inte/", "//evil.example/",
                                  "x", "/count/"])
def test_only_public_pages_of_this_site_are_counted(path):
    PageFactory(slug="om-mig")
    beacon(path)
    assert not DailyPageCount.objects.exists()
    beacon("/om-mig/")
    assert counted("/om-mig/") == (1, 1)


def test_the_day_key_and_the_visitor_codes_are_gone_the_next_day():
    post = PostFactory()
    url = post.get_absolute_url()
    with time_machine.travel(timezone.now().replace(hour=10)):
        beacon(url)
        first_salt = DailySalt.objects.get().salt
    with time_machine.travel(timezone.now().replace(hour=10) + timedelta(days=1)):
        beacon(url)
        assert DailySalt.objects.get().salt != first_salt
        assert DailyVisitor.objects.filter(day__lt=timezone.localdate()).count() == 0
    assert DailyPageCount.objects.filter(path=url).count() == 2
    assert sorted(DailyPageCount.objects.filter(path=url).values_list("visitors", flat=True)) \
        == [1, 1], "the same reader on two days is two visitors, never recognised"


def test_every_public_page_carries_the_first_party_counter_and_says_how(client):
    html = client.get("/").content.decode()
    assert '<script src="/static/js/count.js' in html or "js/count." in html
    assert 'href="/integritet/"' in html
    privacy = client.get("/integritet/").content.decode()
    assert "Ingenting sparas på din enhet" in privacy
    assert "Do Not Track eller Global Privacy Control" in privacy


def test_the_dashboard_and_the_post_form_show_the_readers(staff_client):
    post = PostFactory(title="Cykelbanan")
    for ip in ("198.51.100.1", "198.51.100.2"):
        beacon(post.get_absolute_url(), "https://mastodon.social/@x", ip=ip)
    Subscriber.objects.create(email="a@example.se", status=Subscriber.Status.CONFIRMED,
                              confirmed_at=timezone.now())
    dashboard = staff_client.get("/admin/").content.decode()
    assert "De senaste 30 dagarna: 2 visningar och 2 besökare" in dashboard
    assert "Cykelbanan</a> <span class=\"count\">(2)</span>" in dashboard
    assert "mastodon.social" in dashboard and "<svg" in dashboard
    weeks = re.findall(r"veckan från \d+ \w+: (\d+)</li>", dashboard)
    assert len(weeks) == 8 and weeks[-1] == "1", weeks
    form = staff_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert "2 visningar de senaste 30 dagarna (2 totalt)." in form
