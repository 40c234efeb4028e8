from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=200)
    stock = models.IntegerField(default=0)

    def __str__(self):
        return self.name


class Order(models.Model):
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="orders")
    quantity = models.PositiveIntegerField()
    customer_email = models.EmailField()

    def __str__(self):
        return f"{self.quantity} x {self.product} for {self.customer_email}"
