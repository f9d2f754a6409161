#!/usr/bin/env python3
"""Writes a batch manifest of N typical postings (every role and level, several cities) to stdout."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
roles = ["product-manager", "project-owner", "product-owner", "scrum-master"]
levels = ["senior", "lead", "principal", "head"]
cities = [("Berlin", "DE", "EUR", 78000), ("Amsterdam", "NL", "EUR", 74000), ("London", "GB", "GBP", 70000),
          ("Zurich", "CH", "CHF", 120000), ("Austin", "US", "USD", 150000), ("Toronto", "CA", "CAD", 130000)]
print("""defaults:
  company:
    name: Northwind Health
    website: https://northwind.example
    about: Northwind Health builds scheduling and care-coordination software used by 1,200 clinics across Europe.
  team: You will join the Patient Experience group, which owns the booking app and the clinic dashboard.
  workplace: hybrid
  employment_type: full-time
  benefits: [30 days of paid holiday, A yearly learning budget, Company pension, Flexible working hours, Public transport ticket]
  hiring_process: [A call with our recruiter, A conversation with the hiring manager, A practical exercise with the team, A final conversation]
  apply: {url: "https://northwind.example/careers"}
  date_posted: 2026-11-02
  valid_through: 2027-01-31
jobs:""")
for i in range(n):
    role, level = roles[i % 4], levels[(i // 4) % 4]
    city, country, currency, base = cities[(i // 16) % len(cities)]
    low = base + 1000 * (i % 7)
    print(f"  - id: job-{i:05d}\n    role: {role}\n    level: {level}\n"
          f"    location: {{city: {city}, country: {country}}}\n"
          f"    salary: {{min: {low}, max: {low + 18000}, currency: {currency}}}")
