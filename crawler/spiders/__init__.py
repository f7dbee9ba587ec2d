"""Spiders of the nianbao Scrapy project."""
