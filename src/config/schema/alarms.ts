/** Where alarms go, and the thresholds of the alarms the stack creates. */
import { z } from "zod";

export const alarmsSchema = z
  .strictObject({
    emails: z
      .array(z.email({ error: "must be an e-mail address such as ops@example.com" }))
      .default([])
      .describe("Addresses subscribed to the alarm topic (each must confirm the subscription e-mail AWS sends)."),
    alb: z
      .strictObject({
        serverErrorPercent: z
          .number()
          .min(0.1)
          .max(100)
          .default(5)
          .describe("Alarm when 5xx responses (from the load balancer and the targets) exceed this share of requests, over 3 of 5 minutes."),
        unhealthyTargets: z
          .number()
          .int()
          .min(1)
          .default(1)
          .describe("Alarm when at least this many dashboard targets fail their health check for 3 minutes in a row."),
        targetResponseTimeSeconds: z
          .number()
          .min(0.1)
          .max(4000)
          .default(30)
          .describe("Alarm when the 95th-percentile dashboard response time exceeds this for 3 of 5 minutes (reports are slow; keep it high)."),
      })
      .prefault({})
      .describe("Thresholds of the load-balancer alarms."),
    database: z
      .strictObject({
        cpuPercent: z
          .number()
          .min(1)
          .max(100)
          .default(90)
          .describe("Alarm when the database's CPU stays above this for 10 minutes (the vendor's guidance: near 90 %, investigate or size up)."),
        freeStorageGiB: z.number().min(1).default(5).describe("Alarm when free storage falls below this many GiB (storage autoscaling should act first)."),
        connections: z.number().int().min(1).default(250).describe("Alarm when connections exceed this for 5 minutes (the vendor warns near 300)."),
      })
      .prefault({})
      .describe("Thresholds of the database alarms."),
    dashboard: z
      .strictObject({
        cpuPercent: z
          .number()
          .min(1)
          .max(100)
          .default(85)
          .describe("Alarm when the dashboard service's average CPU stays above this for 10 minutes (autoscaling should have acted)."),
      })
      .prefault({})
      .describe("Thresholds of the dashboard-service alarms."),
    fileStorage: z
      .strictObject({
        percentIoLimit: z.number().min(1).max(100).default(95).describe("Alarm when EFS I/O stays above this share of its limit for 15 minutes."),
        burstCreditBalanceGiB: z
          .number()
          .min(0)
          .default(100)
          .describe("Bursting throughput only: alarm when the burst-credit balance falls below this many GiB."),
      })
      .prefault({})
      .describe("Thresholds of the file-system alarms."),
  })
  .prefault({})
  .describe("Alarm notifications (an encrypted SNS topic) and thresholds.");

export type AlarmsConfig = z.output<typeof alarmsSchema>;
