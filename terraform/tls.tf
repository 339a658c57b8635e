# The public jobs API: https://maskmill-api.<api_domain>. TLS ends at a network load balancer with
# an ACM certificate (renewed by AWS, no key in the cluster); the NLB forwards to Kourier's HTTP
# listener inside the VPC, and Kourier routes by Host to maskmill-api (Knative's config-domain, set
# in knative.tf). There is no plain-HTTP listener, so a bearer token never crosses the internet
# unencrypted. Without api_domain nothing is exposed: Kourier's own Service stays ClusterIP.
locals {
  public_api = var.api_domain != ""
  # Knative names a public Service's host {{.Name}}.{{.Domain}} (domain-template in knative.tf).
  api_host = "maskmill-api.${var.api_domain}"
}

resource "aws_acm_certificate" "api" {
  count = local.public_api ? 1 : 0

  domain_name       = local.api_host
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "api_certificate_validation" {
  for_each = {
    for option in(local.public_api ? aws_acm_certificate.api[0].domain_validation_options : []) :
    option.domain_name => option
  }

  zone_id         = var.route53_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "api" {
  count = local.public_api ? 1 : 0

  certificate_arn         = aws_acm_certificate.api[0].arn
  validation_record_fqdns = [for record in aws_route53_record.api_certificate_validation : record.fqdn]
}

# A second Service in front of Kourier's gateway pods: port 443 of an internet-facing NLB, TLS
# terminated there, forwarded to the gateway's plain HTTP port (8080).
resource "kubernetes_service_v1" "api_gateway" {
  count      = local.public_api ? 1 : 0
  depends_on = [helm_release.knative]

  metadata {
    name      = "maskmill-api-gateway"
    namespace = "knative-serving"
    annotations = {
      "service.beta.kubernetes.io/aws-load-balancer-type"                              = "nlb"
      "service.beta.kubernetes.io/aws-load-balancer-scheme"                            = "internet-facing"
      "service.beta.kubernetes.io/aws-load-balancer-ssl-cert"                          = aws_acm_certificate_validation.api[0].certificate_arn
      "service.beta.kubernetes.io/aws-load-balancer-ssl-ports"                         = "https"
      "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy"            = "ELBSecurityPolicy-TLS13-1-2-2021-06"
      "service.beta.kubernetes.io/aws-load-balancer-backend-protocol"                  = "tcp"
      "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled" = "true"
    }
  }

  spec {
    type     = "LoadBalancer"
    selector = { app = "3scale-kourier-gateway" }

    port {
      name        = "https"
      port        = 443
      target_port = 8080
      protocol    = "TCP"
    }
  }

  # kubernetes_service_v1 waits for the load balancer's address (wait_for_load_balancer defaults to true).
}

resource "aws_route53_record" "api" {
  count = local.public_api ? 1 : 0

  zone_id = var.route53_zone_id
  name    = local.api_host
  type    = "CNAME"
  ttl     = 300
  records = [kubernetes_service_v1.api_gateway[0].status[0].load_balancer[0].ingress[0].hostname]
}
