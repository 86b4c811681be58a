<?xml version="1.0" encoding="utf-8"?>{% load i18n static %}
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:template match="/">
    <html lang="sv">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title>{% translate "Feed" %}: <xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="{% static 'css/feed.css' %}"/>
      </head>
      <body>
        <main class="feed-page">
          <p class="feed-kind">{% translate "This is a feed" %}</p>
          <h1><xsl:value-of select="$title"/></h1>
          <p>{% blocktranslate trimmed %}A feed brings new posts to you, in a feed reader such as NetNewsWire, Feedly, Inoreader or Thunderbird. Copy this page's address into the reader and it tells you when something new is written here.{% endblocktranslate %}</p>
          <p class="feed-address"><code><xsl:value-of select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/></code></p>
          <p>{% translate "Rather have the posts by e-mail?" %} <a href="{% url 'subscriptions:subscribe' %}">{% translate "Follow by e-mail" %}</a> · <a href="{{ '/' }}">{% translate "Go to the home page" %}</a></p>
          <h2>{% translate "Latest posts" %}</h2>
          <ul class="feed-items">
            <xsl:for-each select="/rss/channel/item | /atom:feed/atom:entry">
              <li>
                <a><xsl:attribute name="href"><xsl:value-of select="link | atom:link[not(@rel) or @rel='alternate']/@href"/></xsl:attribute><xsl:value-of select="title | atom:title"/></a>
                <span class="feed-date"><xsl:choose><xsl:when test="pubDate"><xsl:value-of select="substring(pubDate, 6, 11)"/></xsl:when><xsl:otherwise><xsl:value-of select="substring(atom:published | atom:updated, 1, 10)"/></xsl:otherwise></xsl:choose></span>
              </li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
